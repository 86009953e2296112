/**
 * One WebSocket connection: parses and validates each frame with the shared schemas, runs frames
 * strictly in arrival order (so acks follow send order), and turns every refusal into an `error`
 * frame with a stable code. Nothing thrown here can reach the process.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { clientFrameSchema, type ClientFrame, type ServerFrame } from '../../shared/protocol';
import { cleanStrings } from '../../shared/text';
import type { Clock } from '../clock';
import { AdmissionGate, BUSY_RETRY_MS } from '../admission';
import { AppError, isOverload } from '../errors';
import type { Actor, FrameHandler, ResumePoint, FrameHandlers, FrameOf, ModuleFrameType, SocketContext, SocketDirectory, SocketHooks, StaffActor, StaffOnDuty } from '../module';
import { hashToken } from '../tokens';
import type { Hub } from './hub';
import { FATAL_CLOSE_CODE, Peer } from './peer';

/** What a socket needs from the app: the hub, who is who, and the modules' frames and hooks. */
export interface SocketDeps {
  hub: Hub;
  clock: Clock;
  directory: SocketDirectory;
  frames: FrameHandlers;
  /** Bounds the frames of this instance that are waiting for the database. */
  admission: AdmissionGate;
  /** Every module's socket hooks, in module order. */
  hooks: SocketHooks[];
  /** The open sessions of this instance, for a shutdown that drains them. */
  sessions?: Set<SocketSession>;
}

/** How long a checked staff session is trusted before it is looked up again on a frame. */
const SESSION_RECHECK_MS = 5_000;
/** How often an idle staff socket checks that its session still exists (expiry, sign-out elsewhere). */
const SESSION_WATCH_MS = 60_000;
/** A socket must say who it is within this time. */
const HELLO_TIMEOUT_MS = 10_000;
/**
 * Frames waiting to be processed on one socket: at PAUSE_READING_AT the socket stops being read
 * (TCP holds the rest at the client) until RESUME_READING_AT, so a burst that follows the
 * protocol (a console resending its outbox) is slowed, never cut off. Only what one read of the
 * network can hold arrives while paused; past MAX_PENDING_FRAMES the client is not a browser
 * following the protocol and is cut off (1008).
 */
const PAUSE_READING_AT = 16;
const RESUME_READING_AT = 4;
const MAX_PENDING_FRAMES = 4_096;

type Identity =
  | { kind: 'anonymous' }
  | { kind: 'visitor'; conversationId: string }
  | { kind: 'staff'; actor: StaffActor; checkedAt: number };

function isHello(frame: ClientFrame): boolean {
  return frame.type === 'visitor.hello' || frame.type === 'staff.hello';
}

export class SocketSession implements SocketContext {
  private identity: Identity = { kind: 'anonymous' };
  private readonly peer: Peer;
  private queue: Promise<void> = Promise.resolve();
  private pendingFrames = 0;
  private closed = false;
  private helloReceived = false;
  private draining = false;
  /** Backlog pages waiting for the client to have read the one before. */
  private pacing = 0;
  private leaveHub: (() => void) | undefined;
  /** The admission of the frame being handled, let go while a page waits for the client. */
  private admitted: (() => void) | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private leaveDuty: (() => Promise<void>) | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: SocketDeps,
    private readonly log: FastifyBaseLogger,
    /** The staff session cookie sent with the upgrade request, if any. */
    private readonly staffSessionToken: string | undefined,
  ) {
    this.peer = new Peer(socket);
    socket.on('message', (data, isBinary) => this.enqueue(isBinary ? null : data.toString()));
    deps.sessions?.add(this);
    socket.on('close', () => this.dispose());
    socket.on('error', () => socket.terminate());
    this.timers.push(
      setTimeout(() => {
        // A hello still being looked up (a busy database) is not a silent socket.
        if (!this.helloReceived) socket.close(1008, 'no hello');
      }, HELLO_TIMEOUT_MS),
    );
  }

  private enqueue(text: string | null): void {
    // Drained and closing: not answered, so the client sends it again once reconnected.
    if (this.closed) return;
    if (++this.pendingFrames > MAX_PENDING_FRAMES) {
      this.socket.close(1008, 'too many frames');
      return;
    }
    if (this.pendingFrames >= PAUSE_READING_AT && this.pacing === 0) this.socket.pause();
    this.queue = this.queue.then(() => this.receive(text)).finally(() => this.frameDone());
  }

  private frameDone(): void {
    this.pendingFrames--;
    if (this.pendingFrames <= RESUME_READING_AT && this.socket.isPaused && !this.draining) this.socket.resume();
  }

  /**
   * Sends a backlog page. Its pace is the client's pong to a ping behind the page before, so the
   * socket is read meanwhile (frames queue up to MAX_PENDING_FRAMES); a paused socket would never
   * hear the pong. A slow reader holds no admission meanwhile: it waits for the client, not the
   * database, and its next page is read under an admission that is never refused mid-hello.
   */
  private async sendPaced(frame: ServerFrame): Promise<void> {
    const admitted = this.admitted !== undefined;
    this.admitted?.();
    this.admitted = undefined;
    this.pacing++;
    if (this.socket.isPaused && !this.draining) this.socket.resume();
    try {
      await this.peer.sendPaced(frame);
    } finally {
      this.pacing--;
      if (this.pacing === 0 && this.pendingFrames >= PAUSE_READING_AT) this.socket.pause();
      if (admitted) this.admitted = this.deps.admission.enter();
    }
  }

  /**
   * For a shutdown: reads no more frames, answers the ones received, then closes with 1012
   * (service restart), so the client resumes elsewhere or once this instance is back.
   */
  async drain(): Promise<void> {
    this.draining = true;
    this.socket.pause();
    this.peer.stopPacing();
    // Frames already read from the network still arrive after the pause: wait for those too.
    for (let queued = this.queue; ; queued = this.queue) {
      await queued;
      if (queued === this.queue) break;
    }
    this.closed = true;
    this.socket.close(1012, 'restart');
  }

  private dispose(): void {
    this.closed = true;
    this.deps.sessions?.delete(this);
    const wasInHub = this.leaveHub !== undefined;
    this.leaveHub?.();
    this.goOffDuty();
    for (const timer of this.timers) clearTimeout(timer);
    if (wasInHub && this.identity.kind === 'visitor') this.visitorLeft(this.identity.conversationId);
  }

  /** After the frames already read (the hello's hooks among them), so "left" is the last word. */
  private visitorLeft(conversationId: string): void {
    void this.queue
      .catch(() => undefined)
      .then(async () => {
        for (const hooks of this.deps.hooks) await hooks.visitorLeft?.(conversationId);
      })
      .catch((error: unknown) => this.log.warn({ err: error }, 'could not record a visitor disconnection'));
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
      if (isHello(frame)) this.helloReceived = true;
      await this.handleAdmitted(frame);
    } catch (error) {
      this.refuse(error, frame);
    }
  }

  /**
   * A ping needs no database; a resend is answered from what is stored, so it is never refused
   * early; a hello waits its turn (see AdmissionGate), unless its socket closes meanwhile.
   */
  private async handleAdmitted(frame: ClientFrame): Promise<void> {
    if (frame.type === 'ping') return this.handle(frame);
    this.admitted = await this.admission(frame);
    try {
      if (this.closed && isHello(frame)) return;
      await this.handle(frame);
    } finally {
      this.admitted?.();
      this.admitted = undefined;
    }
  }

  private admission(frame: ClientFrame): (() => void) | Promise<() => void> {
    if (isHello(frame)) return this.deps.admission.turn();
    return frame.type === 'message.send' && frame.resent ? this.deps.admission.enter() : this.deps.admission.admit();
  }

  private parse(text: string | null): ClientFrame {
    let json: unknown;
    try {
      json = JSON.parse(text ?? '');
    } catch {
      throw new AppError('bad_json');
    }
    const parsed = clientFrameSchema.safeParse(cleanStrings(json));
    if (parsed.success) return parsed.data;
    const unknownType = parsed.error.issues.some((issue) => issue.path.length === 1 && issue.path[0] === 'type');
    throw new AppError(unknownType ? 'unknown_frame' : 'invalid_frame');
  }

  private refuse(error: unknown, frame: ClientFrame | undefined): void {
    const overload = isOverload(error);
    const appError = error instanceof AppError ? error : new AppError(overload ? 'busy' : 'internal_error');
    if (overload) this.log.warn({ frame: frame?.type }, 'database busy: frame refused with busy');
    else if (!(error instanceof AppError)) this.log.error({ err: error, frame: frame?.type }, 'websocket frame failed');
    const fatal = (appError.code === 'conversation_not_found' || appError.code === 'conversation_moved') && frame?.type === 'visitor.hello';
    const reply: ServerFrame = { type: 'error', code: appError.code };
    if (frame?.type === 'message.send') reply.clientId = frame.clientId;
    if (frame && 'conversationId' in frame && frame.conversationId) reply.conversationId = frame.conversationId;
    if (fatal || appError.code === 'unauthenticated' || appError.code === 'session_idle' || appError.code === 'too_many_connections') reply.fatal = true;
    // The idle timeout's minutes, for the sign-in screen's sentence.
    if (appError.code === 'session_idle' && appError.detail) reply.detail = appError.detail;
    if (appError.code === 'busy') reply.retryAfterMs = BUSY_RETRY_MS;
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
        return this.staffHello(frame.resume);
      default:
        return (this.deps.frames[frame.type] as FrameHandler<ModuleFrameType>)(frame as FrameOf<ModuleFrameType>, this);
    }
  }

  reply(frame: ServerFrame): void {
    this.peer.sendNow(frame);
  }

  get id(): string {
    return this.peer.id;
  }

  replyPaced(frame: ServerFrame): Promise<void> {
    return this.sendPaced(frame);
  }

  /** A backlog's pages, each read once the one before is out; stops when the socket closes. */
  private async sendPages(pages: AsyncIterable<ServerFrame>): Promise<void> {
    for await (const page of pages) {
      if (this.closed || this.draining) return;
      await this.sendPaced(page);
    }
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  // -- visitor ---------------------------------------------------------------------------------

  private async visitorHello(frame: FrameOf<'visitor.hello'>): Promise<void> {
    if (this.identity.kind !== 'anonymous') throw new AppError('invalid_frame', 'hello was already sent');
    const conversationId = await this.deps.directory.visitorConversation(frame.token);
    this.identity = { kind: 'visitor', conversationId };
    this.peer.servesOneConversation();
    if (!this.join(() => this.deps.hub.addVisitor(conversationId, hashToken(frame.token), this.peer))) return;
    // Read after joining: a change published while the token was looked up is in this read,
    // and anything later is held for this socket until the welcome and the backlog are out.
    const { welcome, rest } = await this.deps.directory.visitorWelcome(conversationId, frame.lastSeq);
    await this.sendPaced(welcome);
    for (const hooks of this.deps.hooks) {
      for (const followUp of (await hooks.visitorWelcomed?.(conversationId)) ?? []) this.peer.sendNow(followUp);
    }
    await this.sendPages(rest);
    this.peer.ready();
  }

  visitorConversationId(): string {
    if (this.identity.kind === 'visitor') return this.identity.conversationId;
    throw new AppError(this.identity.kind === 'staff' ? 'forbidden' : 'unauthenticated');
  }

  // -- staff -----------------------------------------------------------------------------------

  private async staffHello(resume: ResumePoint[] | undefined): Promise<void> {
    if (this.identity.kind !== 'anonymous') throw new AppError('invalid_frame', 'hello was already sent');
    const staff = await this.deps.directory.staffForSession(this.staffSessionToken);
    if (!staff) throw new AppError('unauthenticated');
    const { actor, user } = staff;
    this.identity = { kind: 'staff', actor, checkedAt: this.now() };
    const sessionHash = hashToken(this.staffSessionToken ?? '');
    if (!this.join(() => this.deps.hub.addStaff(actor.deskId, actor.id, sessionHash, this.peer))) return;
    this.timers.push(setInterval(() => void this.watchSession(), SESSION_WATCH_MS));
    const onDuty = await this.goOnDuty(actor);
    if (this.closed) return this.goOffDuty();
    const welcome = {
      type: 'welcome.staff' as const,
      user: { ...user, ...(onDuty && { availability: onDuty.availability }) },
      conversations: await this.deps.directory.staffConversations(actor),
    };
    this.peer.sendNow(welcome);
    for (const hooks of this.deps.hooks) {
      for (const followUp of (await hooks.staffWelcomed?.(actor, welcome)) ?? []) this.peer.sendNow(followUp);
    }
    // History before live: a drop at any moment leaves the console nothing below what it holds.
    if (resume) await this.sendPages(this.deps.directory.staffBacklog(actor, welcome.conversations, resume));
    this.peer.ready();
  }

  /** The staff member counts as connected (routing's presence) while this socket is open. */
  private async goOnDuty(actor: StaffActor): Promise<StaffOnDuty | undefined> {
    const connect = this.deps.hooks.find((hooks) => hooks.staffConnected)?.staffConnected;
    const onDuty = await connect?.(actor);
    this.leaveDuty = onDuty?.leave;
    return onDuty;
  }

  /** This socket no longer counts as the staff member's connection (routing's disconnect grace starts). */
  private goOffDuty(): void {
    const leave = this.leaveDuty;
    this.leaveDuty = undefined;
    leave?.().catch((error: unknown) => this.log.warn({ err: error }, 'could not record a staff disconnection'));
  }

  /** Ends the socket of a session signed out, revoked or expired elsewhere, or gone idle: checked in the database, so on any instance. */
  private async watchSession(): Promise<void> {
    try {
      if (!(await this.deps.directory.staffForSession(this.staffSessionToken))) this.peer.endSession();
    } catch (error) {
      if (error instanceof AppError && error.code === 'session_idle') return this.peer.endSession(error.code, error.detail);
      this.log.warn({ err: error }, 'could not check a staff session');
    }
  }

  async staffActor(): Promise<StaffActor> {
    if (this.identity.kind !== 'staff') {
      throw new AppError(this.identity.kind === 'visitor' ? 'forbidden' : 'unauthenticated');
    }
    if (this.now() - this.identity.checkedAt > SESSION_RECHECK_MS) {
      // Only frames the console sends for its user come here (a heartbeat does not): they keep the session alive.
      const staff = await this.deps.directory.staffForSession(this.staffSessionToken, { use: true });
      if (!staff) throw new AppError('unauthenticated');
      this.identity = { kind: 'staff', actor: staff.actor, checkedAt: this.now() };
    }
    return this.identity.actor;
  }

  // -- both ------------------------------------------------------------------------------------

  async actor(): Promise<Actor> {
    return this.identity.kind === 'visitor' ? this.identity : this.staffActor();
  }

  async messageAuthor(frame: { conversationId?: string }): Promise<{ actor: Actor; conversationId: string }> {
    if (this.identity.kind === 'visitor') {
      const conversationId = this.identity.conversationId;
      return { actor: { kind: 'visitor', conversationId }, conversationId };
    }
    const actor = await this.staffActor();
    if (!frame.conversationId) throw new AppError('invalid_frame', 'conversationId is required');
    return { actor, conversationId: frame.conversationId };
  }
}
