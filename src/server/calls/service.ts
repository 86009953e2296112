/**
 * What can happen to a call: a side starts it, the other answers or declines (or lets it ring
 * out), members relay signalling to each other, an interpreter is invited in, someone hangs up.
 * Every change is stored first (so any instance can check the next frame against it), then
 * published once on the bus; the hub delivers it to the conversation's sides. The end of a call
 * writes its record into the conversation's history: kind, who started, outcome, times. Never media.
 */
import { randomUUID } from 'node:crypto';
import type { Call, CallKind, CallMemberRole, CallPeer, CallSignal, IceServer } from '../../shared/protocol';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { followerIds } from '../conversations/followers';
import { messageEvent } from '../conversations/mappers';
import type { NewMessage } from '../conversations/repository';
import type { ConversationMessage } from '../conversations/types';
import { AppError } from '../errors';
import type { Bus } from '../events/bus';
import type { StaffService } from '../staff/service';
import type { CallConversation, CallEnd, CallRepository } from './repository';
import type { CallMember, StoredCall } from './types';
import { callRecordMessage } from './record';
import { callFacts } from '../reports/facts';
import type { ReportService } from '../reports/service';
import type { CallPolicyService } from './policy';
import { iceServersFor } from './turn';
import type { Actor, StaffActor, VisitorActor } from '../actor';

export interface IceGrant {
  callId: string;
  iceServers: IceServer[];
  expiresAt: string;
}

/** Joins a staff member to the conversation as its interpreter (src/server/participants). */
export type JoinAsInterpreter = (actor: StaffActor, conversationId: string) => Promise<void>;

export const peerOf = (actor: Actor): CallPeer => (actor.kind === 'visitor' ? 'visitor' : actor.id);

export class CallService {
  constructor(
    private readonly repository: CallRepository,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly settings: Config['calls'],
    private readonly joinAsInterpreter: JoinAsInterpreter,
    private readonly staff: Pick<StaffService, 'findActive' | 'availableInterpreters'>,
    private readonly reports: Pick<ReportService, 'recordInTransaction'>,
    private readonly policy: Pick<CallPolicyService, 'settings'>,
  ) {}

  async start(actor: Actor, conversationId: string, kind: CallKind): Promise<IceGrant> {
    const conversation = await this.mustFindConversation(actor, conversationId);
    if (actor.kind === 'visitor' && !(await this.policy.settings(conversation.desk_id)).visitorMayStart) throw new AppError('call_not_allowed');
    if (conversation.status !== 'active') throw new AppError('conversation_closed');
    const role = roleIn(conversation, actor);
    if (!role) throw new AppError('call_not_allowed');
    const now = this.clock.now();
    const call: StoredCall = {
      id: randomUUID(),
      desk_id: conversation.desk_id,
      conversation_id: conversation.id,
      kind,
      started_by: peerOf(actor),
      started_by_name: actor.kind === 'staff' ? actor.name : null,
      state: 'ringing',
      outcome: null,
      end_reason: null,
      started_at: now.toISOString(),
      ring_until: new Date(now.getTime() + this.settings.ringSeconds * 1000).toISOString(),
      answered_at: null,
      ended_at: null,
    };
    const caller = member(call.id, actor, role, now);
    if (!(await this.repository.insert(call, caller))) throw new AppError('call_in_progress');
    await this.publish(call.id);
    return this.ice(call.id);
  }

  /** Answers a ringing call, or joins an active one the actor was invited into. */
  async accept(actor: Actor, callId: string): Promise<IceGrant> {
    const { call, conversation } = await this.mustFindLiveCall(actor, callId);
    const now = this.clock.now();
    if (call.state === 'active' && actor.kind === 'staff' && (await this.isInvited(call.id, actor.id))) {
      await this.joinAsInterpreter(actor, conversation.id);
      if (!(await this.repository.joinInvited(call.id, actor.id, now))) throw new AppError('call_not_found');
      await this.publish(call.id);
      return this.ice(call.id);
    }
    const role = roleIn(conversation, actor);
    if (!role) throw new AppError('not_in_call');
    if (call.state !== 'ringing' || !answers(call, actor)) throw new AppError('call_not_ringing');
    if (!(await this.repository.answer(call.id, member(call.id, actor, role, now)))) throw new AppError('call_not_ringing');
    await this.publish(call.id);
    return this.ice(call.id);
  }

  /**
   * A member takes part again from a new page (theirs was reloaded, or they moved to another
   * window): the other members make new links to it, and the old page, if still open, lets go.
   */
  async rejoin(actor: Actor, callId: string): Promise<IceGrant> {
    const { call } = await this.mustFindLiveCall(actor, callId);
    if (!(await this.repository.rejoin(call.id, peerOf(actor)))) throw new AppError('not_in_call');
    await this.publish(call.id);
    return this.ice(call.id);
  }

  async decline(actor: Actor, callId: string): Promise<void> {
    const { call, conversation } = await this.mustFindLiveCall(actor, callId);
    if (actor.kind === 'staff' && (await this.isInvited(call.id, actor.id))) {
      if (await this.repository.withdrawInvitation(call.id, actor.id)) await this.publish(call.id);
      return;
    }
    if (!roleIn(conversation, actor)) throw new AppError('not_in_call');
    if (call.state !== 'ringing' || !answers(call, actor)) throw new AppError('call_not_ringing');
    await this.end(call.id, 'declined', 'declined');
  }

  /**
   * Leaves the call. A caller who gives up before an answer leaves it missed, a callee declines;
   * an active call ends when fewer than two members are left in it.
   */
  async hangUp(actor: Actor, callId: string, reason: 'hangup' | 'dropped' = 'hangup'): Promise<void> {
    const { call, conversation } = await this.mustFindLiveCall(actor, callId);
    const peer = peerOf(actor);
    if (call.state === 'ringing') {
      if (call.started_by === peer) await this.end(call.id, 'missed', 'hangup');
      else if (roleIn(conversation, actor) && answers(call, actor)) await this.end(call.id, 'declined', 'declined');
      else throw new AppError('not_in_call');
      return;
    }
    const joined = (await this.repository.members(call.id)).some((m) => m.peer === peer && m.joined_at && !m.left_at);
    if (!joined) throw new AppError('not_in_call');
    const remaining = await this.repository.leave(call.id, peer, this.clock.now());
    if (remaining < 2) await this.end(call.id, 'answered', reason);
    else await this.publish(call.id);
  }

  /** Passes an offer, answer or candidate to another member, only between members of a live call. */
  async relay(actor: Actor, callId: string, to: CallPeer, toJoins: number, signal: CallSignal): Promise<void> {
    const { call } = await this.mustFindLiveCall(actor, callId);
    const from = peerOf(actor);
    const inCall = new Map((await this.repository.members(call.id)).filter((m) => m.joined_at && !m.left_at).map((m) => [m.peer, m.joins]));
    const fromJoins = inCall.get(from);
    if (call.state !== 'active' || fromJoins === undefined || !inCall.has(to) || from === to) throw new AppError('not_in_call');
    await this.bus.publish({ kind: 'call-signal', deskId: call.desk_id, conversationId: call.conversation_id, to, toJoins, callId, from, fromJoins, signal });
  }

  /** Fresh ICE servers for a member (or the one being asked to answer) of a live call. */
  async iceFor(actor: Actor, callId: string): Promise<IceGrant> {
    const { call, conversation } = await this.mustFindLiveCall(actor, callId);
    if (!roleIn(conversation, actor) && !(actor.kind === 'staff' && (await this.isInvited(call.id, actor.id)))) throw new AppError('not_in_call');
    return this.ice(call.id);
  }

  /** The visitor asks to be called: a system message the consultant sees (and is told of). */
  request(actor: VisitorActor): Promise<void> {
    return this.notice(actor.conversationId, 'call_requested', null);
  }

  /** A consultant of the conversation answers the request with "not now": a line that tells the visitor, politely. */
  async declineRequest(actor: StaffActor, conversationId: string): Promise<void> {
    const conversation = await this.mustFindConversation(actor, conversationId);
    if (!roleIn(conversation, actor)) throw new AppError('call_not_allowed');
    await this.notice(conversationId, 'call_request_declined', actor);
  }

  private async notice(conversationId: string, event: 'call_requested' | 'call_request_declined', by: StaffActor | null): Promise<void> {
    const notice: NewMessage = {
      client_id: null,
      author: 'system',
      author_id: by?.id ?? null,
      author_name: by?.name ?? null,
      body: '',
      event,
      created_at: this.clock.now().toISOString(),
    };
    const stored = await this.repository.appendNotice(conversationId, notice);
    if (!stored) throw new AppError('conversation_closed');
    await this.publishMessage(stored.conversation, stored.message);
  }

  async invite(actor: StaffActor, callId: string, staffId: string): Promise<void> {
    const { call, conversation } = await this.mustFindLiveCall(actor, callId);
    if (!roleIn(conversation, actor)) throw new AppError('not_in_call');
    if (call.state !== 'active') throw new AppError('call_not_ringing');
    const staff = await this.staff.findActive(conversation.desk_id, staffId);
    if (!staff || staff.id === actor.id || staff.interpreterLanguages.length === 0 || staff.availability !== 'available') {
      throw new AppError('interpreter_unavailable');
    }
    const invitation: CallMember = {
      call_id: call.id,
      peer: staff.id,
      name: staff.name,
      role: 'interpreter',
      invited_at: this.clock.now().toISOString(),
      joined_at: null,
      left_at: null,
      joins: 1,
    };
    if (!(await this.repository.invite(call.id, invitation))) throw new AppError('call_not_found');
    await this.publish(call.id, [staff.id]);
  }

  async interpreters(deskId: string, language?: string) {
    const interpreters = await this.staff.availableInterpreters(deskId);
    return interpreters.filter((interpreter) => !language || interpreter.interpreterLanguages.includes(language));
  }

  /** Ends every call that rang out unanswered; any instance may run it, each call ends once. */
  async expireUnanswered(): Promise<number> {
    let ended = 0;
    for (const id of await this.repository.unansweredBy(this.clock.now())) if (await this.end(id, 'missed', 'missed')) ended++;
    return ended;
  }

  /** Live calls the actor should know about after a (re)connect. */
  async liveFor(actor: Actor, conversationIds: string[]): Promise<Call[]> {
    const rows =
      actor.kind === 'visitor'
        ? await this.repository.liveCalls([actor.conversationId])
        : [...(await this.repository.liveCalls(conversationIds)), ...(await this.repository.liveCallsOfMember(actor.id))];
    const unique = [...new Map(rows.map((row) => [row.id, row])).values()];
    return Promise.all(unique.map(async (row) => toCall(row, await this.repository.members(row.id))));
  }

  /** A closed conversation ends its call. */
  async endForClosedConversation(conversationId: string): Promise<void> {
    for (const call of await this.repository.liveCalls([conversationId])) {
      await this.end(call.id, call.state === 'active' ? 'answered' : 'missed', 'conversation_closed');
    }
  }

  private async end(callId: string, outcome: CallEnd['outcome'], reason: CallEnd['reason']): Promise<boolean> {
    const ended = await this.repository.end(callId, { outcome, reason, at: this.clock.now(), record: callRecordMessage, count: (trx, call) => this.reports.recordInTransaction(trx, callFacts(call)) });
    if (!ended) return false;
    const conversation = await this.repository.conversation(ended.call.conversation_id);
    if (conversation) await this.publishMessage(conversation, ended.record);
    await this.publish(callId);
    return true;
  }

  private publishMessage(conversation: CallConversation, message: ConversationMessage): Promise<void> {
    return this.bus.publish(messageEvent(conversation, message));
  }

  private async ice(callId: string): Promise<IceGrant> {
    const { iceServers, expiresAt } = iceServersFor(this.settings, callId, this.clock.now());
    return { callId, iceServers, expiresAt: expiresAt.toISOString() };
  }

  private async isInvited(callId: string, staffId: string): Promise<boolean> {
    return (await this.repository.members(callId)).some((m) => m.peer === staffId && m.invited_at && !m.joined_at);
  }

  private async mustFindConversation(actor: Actor, conversationId: string): Promise<CallConversation> {
    const conversation = await this.repository.conversation(conversationId);
    const deskId = actor.kind === 'staff' ? actor.deskId : conversation?.desk_id;
    if (!conversation || conversation.desk_id !== deskId) throw new AppError('conversation_not_found');
    if (actor.kind === 'visitor' && actor.conversationId !== conversationId) throw new AppError('conversation_not_found');
    return conversation;
  }

  /** The call, if it is live and belongs to a conversation the actor may see; else call_not_found. */
  private async mustFindLiveCall(actor: Actor, callId: string): Promise<{ call: StoredCall; conversation: CallConversation }> {
    const call = await this.repository.findById(callId);
    const visible = call && (actor.kind === 'visitor' ? call.conversation_id === actor.conversationId : call.desk_id === actor.deskId);
    if (!call || !visible || call.state === 'ended') throw new AppError('call_not_found');
    const conversation = await this.repository.conversation(call.conversation_id);
    if (!conversation) throw new AppError('call_not_found');
    return { call, conversation };
  }

  /** Tells the conversation's sides (and anyone invited) what the call looks like now. */
  private async publish(callId: string, alsoTo: string[] = []): Promise<void> {
    const row = await this.repository.findById(callId);
    if (!row) return;
    const members = await this.repository.members(callId);
    const conversation = await this.repository.conversation(row.conversation_id);
    const memberIds = members.filter((m) => m.peer !== 'visitor').map((m) => m.peer);
    await this.bus.publish({
      kind: 'call',
      deskId: row.desk_id,
      conversationId: row.conversation_id,
      staffIds: followerIds(conversation ?? { assignee_id: null, participants: [] }, [...alsoTo, ...memberIds]),
      call: toCall(row, members),
    });
  }
}

/** A call rings at the other side: staff answer the visitor's call, the visitor answers staff's. */
function answers(call: StoredCall, actor: Actor): boolean {
  return (call.started_by === 'visitor') !== (actor.kind === 'visitor');
}

/** The actor's place in the conversation's calls, or null if they are not one of its sides. */
function roleIn(conversation: CallConversation, actor: Actor): CallMemberRole | null {
  if (actor.kind === 'visitor') return actor.conversationId === conversation.id ? 'visitor' : null;
  if (conversation.assignee_id === actor.id) return 'consultant';
  const participant = conversation.participants.find((p) => p.staff_id === actor.id);
  if (!participant) return null;
  return participant.role === 'interpreter' ? 'interpreter' : 'consultant';
}

function member(callId: string, actor: Actor, role: CallMemberRole, at: Date): CallMember {
  return {
    call_id: callId,
    peer: peerOf(actor),
    name: actor.kind === 'staff' ? actor.name : null,
    role,
    invited_at: null,
    joined_at: at.toISOString(),
    left_at: null,
    joins: 1,
  };
}

export function toCall(row: StoredCall, members: CallMember[]): Call {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    kind: row.kind,
    state: row.state,
    outcome: row.outcome,
    endReason: row.end_reason,
    startedBy: row.started_by,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    members: members
      .filter((m) => !m.left_at)
      .map((m) => ({ peer: m.peer, name: m.name, role: m.role, joined: m.joined_at !== null, joins: m.joins })),
  };
}
