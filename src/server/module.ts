/**
 * A server module is one domain plugged into the app: its services, routes, the client frames it
 * handles, how its events reach sockets, its jobs and what it adds to a socket's welcome. `app.ts`
 * creates the modules of `modules.ts` in list order; a module sees the infrastructure and the
 * services of the modules before it.
 */
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Migration } from 'kysely';
import type { ClientFrame, ConversationSummary, ServerFrame, StaffUser } from '../shared/protocol';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/database';
import type { Bus } from './events/bus';
import type { DeskEventKind, DeskEventMap } from './events/desk-event';
import type { RateLimiter } from './rate-limit';
import type { Actor, StaffActor } from './actor';

/** Who sends a frame, as every module names it (realtime sees actors only through this file). */
export type { Actor, StaffActor };

/**
 * The services modules offer each other and tests (as `App`). Each domain's module.ts adds its own:
 *
 *     declare module '../module' {
 *       interface Services { notes: NoteService }
 *     }
 */
export interface Services {}

/**
 * What every module is created from. A module that brings a piece of infrastructure of its own
 * (the desk, the mailer) adds it here by declaration merging, as with Services.
 */
export interface ModuleContext {
  config: Config;
  database: Database;
  bus: Bus;
  clock: Clock;
  log: FastifyBaseLogger;
  hub: LocalVisitors;
  /** Messages (and what counts like them) per sender per minute. */
  messageRateLimiter: RateLimiter;
  /** Only the services of modules created before this one; any other throws. */
  services: Services;
}

/** This instance's visitor sockets, for what each instance computes for its own visitors (routing's queue places). */
export interface LocalVisitors {
  localVisitorConversations(): string[];
  /** A socket of this conversation's visitor is open on this instance. */
  hasLocalVisitor(conversationId: string): boolean;
  toVisitors(conversationId: string, frame: ServerFrame): void;
}

// -- frames ------------------------------------------------------------------------------------

/** Frames realtime/socket-session.ts answers itself: who the socket is, and liveness. */
export type SocketFrameType = 'ping' | 'visitor.hello' | 'staff.hello';
export type ModuleFrameType = Exclude<ClientFrame['type'], SocketFrameType>;
export type FrameOf<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

/** What a frame handler may ask of the socket the frame came in on. */
export interface SocketContext {
  /** Names this socket across instances (an event's `origin`). */
  readonly id: string;
  /** The signed-in staff member (session re-checked now and then); refuses visitors and strangers. */
  staffActor(): Promise<StaffActor>;
  /** The visitor's conversation; refuses staff and strangers. */
  visitorConversationId(): string;
  /** The visitor, or the signed-in staff member. */
  actor(): Promise<Actor>;
  /** Who writes (or types) and in which conversation: the visitor's own, or the one staff name. */
  messageAuthor(frame: { conversationId?: string }): Promise<{ actor: Actor; conversationId: string }>;
  reply(frame: ServerFrame): void;
  /** Replies with a page of a backlog; resolves when the socket has taken it (flow control). */
  replyPaced(frame: ServerFrame): Promise<void>;
}

export type FrameHandler<T extends ModuleFrameType> = (frame: FrameOf<T>, socket: SocketContext) => Promise<void> | void;
export type FrameHandlers<T extends ModuleFrameType = ModuleFrameType> = { [K in T]: FrameHandler<K> };

// -- events ------------------------------------------------------------------------------------

/** The fan-out primitives of this instance's sockets (realtime/hub.ts). */
export interface Fanout {
  /** `except`: the id of a socket left out (the sender, already answered). */
  toVisitors(conversationId: string, frame: ServerFrame, except?: string): void;
  /** Every socket of the named staff members of the desk (each socket once), but `except`. */
  toStaff(deskId: string, staffIds: Iterable<string>, frame: ServerFrame, except?: string): void;
  toAllStaff(deskId: string, frame: ServerFrame): void;
  /** Ends the staff sockets of one session, or of every session of the user when sessionHash is null. */
  endSessions(userId: string, sessionHash: string | null): void;
  /** Ends the conversation's visitor sockets opened with another key than this one (it moved to another device). */
  endVisitorSessions(conversationId: string, keptTokenHash: string): void;
}

export type EventDeliverer<K extends DeskEventKind> = (event: DeskEventMap[K], fanout: Fanout) => void;
export type EventDeliverers<K extends DeskEventKind = DeskEventKind> = { [E in K]: EventDeliverer<E> };

// -- sockets -----------------------------------------------------------------------------------

export type WelcomeStaffFrame = Extract<ServerFrame, { type: 'welcome.staff' }>;
export type WelcomeVisitorFrame = Extract<ServerFrame, { type: 'welcome.visitor' }>;

/** Who a socket is and what its welcome holds; each member is provided by exactly one module. */
export interface SocketDirectory {
  /** The staff session token of the request's cookie (its name depends on TLS: auth/session-cookie.ts). */
  staffSessionToken(request: FastifyRequest): string | undefined;
  /** The conversation a visitor token opens on this desk; throws `conversation_not_found`. */
  visitorConversation(token: string): Promise<string>;
  /** The welcome with the first page of what follows `lastSeq`, and the pages after it. */
  visitorWelcome(conversationId: string, lastSeq: number): Promise<{ welcome: WelcomeVisitorFrame; rest: AsyncIterable<ServerFrame> }>;
  /**
   * The staff member signed in with this session cookie on this desk, if any; throws
   * `session_idle` when it went unused too long. `use`: the person sent a frame (not a heartbeat).
   */
  staffForSession(sessionToken: string | undefined, options?: { use?: boolean }): Promise<{ actor: StaffActor; user: StaffUser } | undefined>;
  /** The queue and the staff member's own open conversations. */
  staffConversations(actor: StaffActor): Promise<ConversationSummary[]>;
  /**
   * The history a resuming staff socket gets before any live frame: of every open conversation
   * it follows in `listed`, and of those in `resume` that closed while it was away, each from the
   * seq `resume` gives (0 if none), in pages.
   */
  staffBacklog(actor: StaffActor, listed: ConversationSummary[], resume: ResumePoint[]): AsyncIterable<ServerFrame>;
}

export interface ResumePoint {
  conversationId: string;
  lastSeq: number;
}

export interface StaffOnDuty {
  /** Replaces the stored availability in welcome.staff. */
  availability: StaffUser['availability'];
  /** Called when the socket closes. */
  leave(): Promise<void>;
}

/** What a module adds to a socket's life, called in module order. */
export interface SocketHooks {
  /** Frames sent right after welcome.visitor. */
  visitorWelcomed?(conversationId: string): Promise<ServerFrame[]>;
  /** A welcomed visitor socket closed (it has left the hub). */
  visitorLeft?(conversationId: string): Promise<void>;
  /** A staff socket opened, before its welcome (at most one module). */
  staffConnected?(actor: StaffActor): Promise<StaffOnDuty>;
  /** Frames sent right after welcome.staff. */
  staffWelcomed?(actor: StaffActor, welcome: WelcomeStaffFrame): Promise<ServerFrame[]>;
}

// -- the module --------------------------------------------------------------------------------

/** A timer or subscription running for the app's life; `start` returns how to stop it. */
export interface Job {
  name: string;
  start(): () => void | Promise<void>;
}

export interface ModuleParts {
  services?: Partial<Services>;
  /** Registered on the Fastify instance in module order. */
  routes?: FastifyPluginAsync;
  /** Exactly the frame types the module handles (modules.ts checks that every type has one handler). */
  frames?: Partial<FrameHandlers>;
  /** How the module's own events reach sockets (modules.ts checks that every kind has one). */
  deliver?: Partial<EventDeliverers>;
  /** Started once every module is created, stopped on close in module order. */
  jobs?: Job[];
  sockets?: SocketHooks;
  directory?: Partial<SocketDirectory>;
}

export interface ServerModule<P extends ModuleParts = ModuleParts> {
  name: string;
  /** The module's own tables, named like db/migrations (NNNN_what) and run in name order with them. */
  migrations?: Record<string, Migration>;
  create(context: ModuleContext): P | Promise<P>;
}

/** Keeps the exact parts type, so modules.ts can see which frames and events each module covers. */
export function defineModule<P extends ModuleParts>(module: ServerModule<P>): ServerModule<P> {
  return module;
}

/** The frame types and event kinds a list of modules handles (for the totality checks in modules.ts). */
export type FramesHandledBy<M> = M extends ServerModule<infer P> ? (P extends { frames: infer F } ? keyof F : never) : never;
export type EventsDeliveredBy<M> = M extends ServerModule<infer P> ? (P extends { deliver: infer D } ? keyof D : never) : never;

/** One map from the modules' parts; two modules claiming the same key is a wiring mistake. */
export function combineParts(parts: (object | undefined)[], what: string): Record<string, unknown> {
  const combined: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part ?? {})) {
      if (key in combined) throw new Error(`two modules provide the ${what} ${key}`);
      combined[key] = value;
    }
  }
  return combined;
}

/** Lazily checked access to the services created so far: a service asked for too early throws. */
export class ServiceRegistry {
  private readonly provided = new Map<string, unknown>();
  readonly services: Services = new Proxy({} as Services, {
    get: (_, name) => {
      if (typeof name !== 'string' || !this.provided.has(name)) {
        throw new Error(`service ${String(name)} is used before its module was created`);
      }
      return this.provided.get(name);
    },
  });

  add(moduleName: string, services: Partial<Services>): void {
    for (const [name, service] of Object.entries(services)) {
      if (this.provided.has(name)) throw new Error(`module ${moduleName} provides service ${name} again`);
      this.provided.set(name, service);
    }
  }

  all(): Services {
    return Object.fromEntries(this.provided) as unknown as Services;
  }
}
