/**
 * Domain events that cross instances. A service records an event once; the hub on every instance
 * decides which of its sockets receive it (realtime/hub.ts, with each module's deliverers). Events
 * carry what a recipient filter needs (desk, conversation, assignee), never more personal data
 * than the frames themselves.
 *
 * Each domain adds its events in its own `events.ts` by merging into `DeskEventMap` (key = `kind`),
 * so a new domain does not edit this file:
 *
 *     declare module '../events/desk-event' {
 *       interface DeskEventMap { 'my-event': MyEvent }
 *     }
 */

/** Live events may have been lost: every client should resume from its last sequence number. */
export interface ResyncEvent {
  kind: 'resync';
}

export interface DeskEventMap {
  resync: ResyncEvent;
}

export type DeskEventKind = keyof DeskEventMap;
export type DeskEvent = DeskEventMap[DeskEventKind];
