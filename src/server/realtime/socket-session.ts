/**
 * One WebSocket connection: parses and validates each frame with the shared schemas, runs frames
 * strictly in arrival order (so acks follow send order), and turns every refusal into an `error`
 * frame with a stable code. Nothing thrown here can reach the process.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { clientFrameSchema, type ClientFrame, type ServerFrame } from '../../shared/protocol';
import { toStaffUser } from '../auth/service';
import type { StaffMember } from '../staff/types';
import { toMessage, toSummary, toVisitorMessage, toVisitorView } from '../conversations/mappers';
import type { Actor, StaffActor } from '../conversations/service';
import { AppError } from '../errors';
import { isFollowedBy } from '../conversations/followers';
import { hashToken } from '../tokens';
import type { TypingRelay } from '../signals/service';
import { callFollowUps, handleCallFrame, isCallFrame, type CallFrame } from '../calls/frames';
import { staffFollowUps, staffSocketOpened, visitorFollowUps } from '../routing/frames';
import type { RealtimeDeps } from './deps';
import { FATAL_CLOSE_CODE, Peer } from './peer';

type FrameOf<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

/** How long a checked staff session is trusted before it is looked up again on a frame. */
const SESSION_RECHECK_MS = 5_000;
/** How often an idle staff socket checks that its session still exists (expiry, sign-out elsewhere). */
const SESSION_WATCH_MS = 60_000;
/** A socket must say who it is within this time. */
const HELLO_TIMEOUT_MS = 10_000;
/** Frames waiting to be processed on one socket; a client that floods it is cut off (1008). */
const MAX_PENDING_FRAMES = 64;

type Identity =
  | { kind: 'anonymous' }
  | { kind: 'visitor'; conversationId: string }
  | { kind: 'staff'; actor: StaffActor; checkedAt: number };

export class SocketSession {
  private identity: Identity = { kind: 'anonymous' };
  private readonly peer: Peer;
  private queue: Promise<void> = Promise.resolve();
  private pendingFrames = 0;
  private closed = false;
  private leaveHub: (() => void) | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private typingRelay: TypingRelay | undefined;
  private leaveDuty: (() => Promise<void>) | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: RealtimeDeps,
    private readonly log: FastifyBaseLogger,
    /** The staff session cookie sent with the upgrade request, if any. */
    private readonly staffSessionToken: string | undefined,
  ) {
    this.peer = new Peer(socket);
    socket.on('message', (data, isBinary) => this.enqueue(isBinary ? null : data.toString()));
    socket.on('close', () => this.dispose());
    socket.on('error', () => socket.terminate());
    this.timers.push(
      setTimeout(() => {
        if (this.identity.kind === 'anonymous') socket.close(1008, 'no hello');
      }, HELLO_TIMEOUT_MS),
    );
  }

  private enqueue(text: string | null): void {
    if (++this.pendingFrames > MAX_PENDING_FRAMES) {
      this.socket.close(1008, 'too many frames');
      return;
    }
    this.queue = this.queue.then(() => this.receive(text)).finally(() => this.pendingFrames--);
  }

  private dispose(): void {
    this.closed = true;
    this.leaveHub?.();
    this.goOffDuty();
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** Joins the hub unless the socket closed while hello was being looked up. */
  private join(register: () => () => void): boolean {
    if (this.closed) return false;
    this.leaveHub = register();
    return true;
  }

  private async receive(text: string | null): Promise<void> {
    let frame: ClientFrame | undefined;
    try {
      frame = this.parse(text);
      await this.handle(frame);
    } catch (error) {
      this.refuse(error, frame);
    }
  }

  private parse(text: string | null): ClientFrame {
    let json: unknown;
    try {
      json = JSON.parse(text ?? '');
    } catch {
      throw new AppError('bad_json');
    }
    const parsed = clientFrameSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    const unknownType = parsed.error.issues.some((issue) => issue.path.length === 1 && issue.path[0] === 'type');
    throw new AppError(unknownType ? 'unknown_frame' : 'invalid_frame');
  }

  private refuse(error: unknown, frame: ClientFrame | undefined): void {
    const appError = error instanceof AppError ? error : new AppError('internal_error');
    if (!(error instanceof AppError)) this.log.error({ err: error, frame: frame?.type }, 'websocket frame failed');
    const fatal = appError.code === 'conversation_not_found' && frame?.type === 'visitor.hello';
    const reply: ServerFrame = { type: 'error', code: appError.code };
    if (frame?.type === 'message.send') reply.clientId = frame.clientId;
    if (frame && 'conversationId' in frame && frame.conversationId) reply.conversationId = frame.conversationId;
    if (fatal || appError.code === 'unauthenticated') reply.fatal = true;
    this.peer.sendNow(reply);
    if (reply.fatal) this.socket.close(FATAL_CLOSE_CODE, appError.code);
  }

  private async handle(frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'ping':
        return this.peer.sendNow({ type: 'pong' });
      case 'visitor.hello':
        return this.visitorHello(frame);
      case 'staff.hello':
        return this.staffHello();
      case 'message.send':
        return this.sendMessage(frame);
      case 'conversation.end':
        return this.endConversation();
      case 'conversation.take':
        return this.take(frame);
      case 'conversation.sync':
        return this.sync(frame);
      case 'conversation.close':
        return this.close(frame);
      case 'typing':
        return this.relayTyping(frame);
      case 'conversation.read':
        return this.deps.signals.markRead(await this.staffActor(), frame.conversationId, frame.seq);
      case 'staff.availability':
        return this.deps.presence.setAvailability(await this.staffActor(), frame.availability);
      case 'routing.decline':
        return this.deps.routing.decline(await this.staffActor(), frame.conversationId);
      case 'visitor.language':
        return this.deps.routing.changeLanguage(this.visitorConversationId(), frame.language);
      default:
        if (isCallFrame(frame)) return this.callFrame(frame);
    }
  }

  // -- visitor ---------------------------------------------------------------------------------

  private async visitorHello(frame: FrameOf<'visitor.hello'>): Promise<void> {
    if (this.identity.kind !== 'anonymous') throw new AppError('invalid_frame', 'hello was already sent');
    const found = await this.deps.conversations.findByToken(frame.token);
    if (found.desk_id !== this.deps.desk.id) throw new AppError('conversation_not_found');
    this.identity = { kind: 'visitor', conversationId: found.id };
    if (!this.join(() => this.deps.hub.addVisitor(found.id, this.peer))) return;
    // Read again after joining: a change published while `found` was loading is in this read,
    // and anything later is held for this socket until the welcome is out.
    const [conversation, missed] = await Promise.all([
      this.deps.conversations.findById(found.id),
      this.deps.conversations.messagesAfter(found.id, frame.lastSeq),
    ]);
    this.peer.sendNow({ type: 'welcome.visitor', conversation: toVisitorView(conversation), missed: missed.map((row) => toVisitorMessage(toMessage(row))) });
    for (const followUp of await visitorFollowUps(this.deps, found.id)) this.peer.sendNow(followUp);
    for (const followUp of await callFollowUps(this.deps.calls, this.identity, [])) this.peer.sendNow(followUp);
    this.peer.ready();
  }

  private async endConversation(): Promise<void> {
    await this.deps.conversations.endByVisitor(this.visitorConversationId());
  }

  private visitorConversationId(): string {
    if (this.identity.kind === 'visitor') return this.identity.conversationId;
    throw new AppError(this.identity.kind === 'staff' ? 'forbidden' : 'unauthenticated');
  }

  // -- staff -----------------------------------------------------------------------------------

  private async staffHello(): Promise<void> {
    if (this.identity.kind !== 'anonymous') throw new AppError('invalid_frame', 'hello was already sent');
    const user = await this.deps.auth.userForSession(this.staffSessionToken);
    if (!user || user.desk_id !== this.deps.desk.id) throw new AppError('unauthenticated');
    const actor = this.toActor(user);
    this.identity = { kind: 'staff', actor, checkedAt: Date.now() };
    const sessionHash = hashToken(this.staffSessionToken ?? '');
    if (!this.join(() => this.deps.hub.addStaff(actor.deskId, actor.id, sessionHash, this.peer))) return;
    this.timers.push(setInterval(() => void this.watchSession(), SESSION_WATCH_MS));
    const onDuty = await staffSocketOpened(this.deps, actor);
    this.leaveDuty = onDuty.leave;
    if (this.closed) return this.goOffDuty();
    const conversations = await this.deps.conversations.listForStaff(actor);
    this.peer.sendNow({
      type: 'welcome.staff',
      user: { ...toStaffUser(user), availability: onDuty.availability },
      conversations: conversations.map(toSummary),
    });
    for (const followUp of await staffFollowUps(this.deps, actor)) this.peer.sendNow(followUp);
    const ownIds = conversations.filter((c) => c.status === 'active').map((c) => c.id);
    for (const followUp of await callFollowUps(this.deps.calls, actor, ownIds)) this.peer.sendNow(followUp);
    this.peer.ready();
  }

  /** This socket no longer counts as the staff member's connection (routing's disconnect grace starts). */
  private goOffDuty(): void {
    const leave = this.leaveDuty;
    this.leaveDuty = undefined;
    leave?.().catch((error: unknown) => this.log.warn({ err: error }, 'could not record a staff disconnection'));
  }

  private async watchSession(): Promise<void> {
    try {
      if (!(await this.deps.auth.userForSession(this.staffSessionToken))) this.peer.endSession();
    } catch (error) {
      this.log.warn({ err: error }, 'could not check a staff session');
    }
  }

  private toActor(user: StaffMember): StaffActor {
    return { kind: 'staff', id: user.id, name: user.name, deskId: user.desk_id };
  }

  /** The signed-in staff member; the session is re-checked so a password change ends it here too. */
  private async staffActor(): Promise<StaffActor> {
    if (this.identity.kind !== 'staff') {
      throw new AppError(this.identity.kind === 'visitor' ? 'forbidden' : 'unauthenticated');
    }
    if (Date.now() - this.identity.checkedAt > SESSION_RECHECK_MS) {
      const user = await this.deps.auth.userForSession(this.staffSessionToken);
      if (!user) throw new AppError('unauthenticated');
      this.identity = { kind: 'staff', actor: this.toActor(user), checkedAt: Date.now() };
    }
    return this.identity.actor;
  }

  private async take(frame: FrameOf<'conversation.take'>): Promise<void> {
    const actor = await this.staffActor();
    const taken = await this.deps.conversations.take(actor, frame.conversationId);
    const messages = await this.deps.conversations.messagesAfter(taken.id, 0);
    this.peer.sendNow({ type: 'history', conversationId: taken.id, messages: messages.map(toMessage) });
  }

  private async sync(frame: FrameOf<'conversation.sync'>): Promise<void> {
    const actor = await this.staffActor();
    const conversation = await this.deps.conversations.findForStaff(actor, frame.conversationId);
    if (!isFollowedBy(conversation, actor.id)) throw new AppError('not_assigned');
    const messages = await this.deps.conversations.messagesAfter(conversation.id, frame.lastSeq);
    this.peer.sendNow({ type: 'history', conversationId: conversation.id, messages: messages.map(toMessage) });
  }

  private async close(frame: FrameOf<'conversation.close'>): Promise<void> {
    const actor = await this.staffActor();
    await this.deps.conversations.close(this.deps.desk, actor, frame.conversationId, frame.topic, frame.outcome);
  }

  // -- both ------------------------------------------------------------------------------------

  private async sendMessage(frame: FrameOf<'message.send'>): Promise<void> {
    const { actor, conversationId } = await this.messageAuthor(frame);
    await this.deps.rateLimiter.consume(actor.kind === 'staff' ? `staff:${actor.id}` : `visitor:${conversationId}`);
    const { message } = await this.deps.conversations.post(this.deps.desk, conversationId, actor, frame.clientId, frame.body);
    this.peer.sendNow({
      type: 'ack',
      ...(actor.kind === 'staff' && { conversationId }),
      clientId: frame.clientId,
      seq: message.seq,
      sentAt: message.created_at,
    });
  }

  private async relayTyping(frame: FrameOf<'typing'>): Promise<void> {
    const { actor, conversationId } = await this.messageAuthor(frame);
    this.typingRelay ??= this.deps.signals.typingRelay();
    await this.typingRelay.relay(actor, conversationId, frame.active);
  }

  private async callFrame(frame: CallFrame): Promise<void> {
    const actor: Actor = this.identity.kind === 'visitor' ? this.identity : await this.staffActor();
    await handleCallFrame(frame, { actor, calls: this.deps.calls, rateLimiter: this.deps.rateLimiter, reply: (f) => this.peer.sendNow(f) });
  }

  /** Who writes (or types) and in which conversation: the visitor's own, or the one staff name. */
  private async messageAuthor(frame: { conversationId?: string }): Promise<{ actor: Actor; conversationId: string }> {
    if (this.identity.kind === 'visitor') {
      const conversationId = this.identity.conversationId;
      return { actor: { kind: 'visitor', conversationId }, conversationId };
    }
    const actor = await this.staffActor();
    if (!frame.conversationId) throw new AppError('invalid_frame', 'conversationId is required');
    return { actor, conversationId: frame.conversationId };
  }
}
