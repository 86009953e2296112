import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Connection,
  HEARTBEAT_INTERVAL_MS,
  PONG_TIMEOUT_MS,
  RECONNECT_MAX_MS,
  reconnectDelay,
  wsUrl,
  type ConnectionState,
} from '../../src/web/common/connection';
import type { ServerFrame } from '../../src/shared/protocol';
import { FakeSocket, installFakeBrowser } from './fake-browser';

const conversation = {
  status: 'waiting',
  language: 'uk',
  topic: 'work',
  visitorName: null,
  consultantName: null,
  startedAt: '2025-03-03T10:00:00.000Z',
  lastSeq: 0,
} as const;
const welcome = { type: 'welcome.visitor', conversation, missed: [] } as const;

describe('reconnectDelay', () => {
  it('is a random share of a ceiling that doubles from 300 ms', () => {
    expect(reconnectDelay(0, () => 0.5)).toBe(150);
    expect(reconnectDelay(1, () => 0.5)).toBe(300);
    expect(reconnectDelay(3, () => 0.5)).toBe(1200);
  });

  it('never exceeds 10 s however many attempts failed', () => {
    expect(reconnectDelay(20, () => 0.999999)).toBeLessThan(RECONNECT_MAX_MS);
    expect(reconnectDelay(1000, () => 0.999999)).toBeLessThan(RECONNECT_MAX_MS);
  });

  it('can be zero (full jitter)', () => {
    expect(reconnectDelay(5, () => 0)).toBe(0);
  });
});

describe('Connection', () => {
  let browser: ReturnType<typeof installFakeBrowser>;
  let states: ConnectionState[];
  let frames: ServerFrame[];
  let connection: Connection;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    browser = installFakeBrowser();
    states = [];
    frames = [];
    connection = new Connection({
      url: 'ws://test/ws',
      hello: () => ({ type: 'visitor.hello', token: 'a'.repeat(32), lastSeq: frames.length }),
      onFrame: (frame) => frames.push(frame),
      onStateChange: (state) => states.push(state),
    });
  });

  afterEach(() => {
    connection.stop();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const openWithWelcome = () => {
    connection.start();
    FakeSocket.latest().open();
    FakeSocket.latest().receive(welcome);
  };

  it('sends hello on open and becomes open only after the welcome', () => {
    connection.start();
    expect(connection.state).toBe('connecting');
    FakeSocket.latest().open();
    expect(FakeSocket.latest().sent).toEqual([{ type: 'visitor.hello', token: 'a'.repeat(32), lastSeq: 0 }]);
    expect(connection.send({ type: 'ping' })).toBe(false);
    FakeSocket.latest().receive(welcome);
    expect(connection.state).toBe('open');
    expect(frames).toEqual([welcome]);
    expect(connection.send({ type: 'conversation.end' })).toBe(true);
  });

  it('reconnects after a drop, with back-off, and resumes with a fresh hello', () => {
    openWithWelcome();
    FakeSocket.latest().drop();
    expect(connection.state).toBe('reconnecting');
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(reconnectDelay(0, () => 0.5));
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.latest().open();
    expect(FakeSocket.latest().sent[0]).toMatchObject({ type: 'visitor.hello', lastSeq: 1 });
    FakeSocket.latest().receive(welcome);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('waits longer after each failed attempt', () => {
    openWithWelcome();
    FakeSocket.latest().drop();
    vi.advanceTimersByTime(150);
    FakeSocket.latest().drop();
    vi.advanceTimersByTime(299);
    expect(FakeSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(3);
  });

  it('retries at once when the browser comes back online', () => {
    openWithWelcome();
    FakeSocket.latest().drop();
    browser.window.dispatchEvent(new Event('online'));
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('treats a missing pong as a dead link', () => {
    openWithWelcome();
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    expect(FakeSocket.latest().sent.at(-1)).toEqual({ type: 'ping' });
    vi.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(connection.state).toBe('reconnecting');
  });

  it('stays open while pongs arrive', () => {
    openWithWelcome();
    for (let beat = 0; beat < 3; beat++) {
      vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
      FakeSocket.latest().receive({ type: 'pong' });
    }
    vi.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(connection.state).toBe('open');
    expect(frames).toEqual([welcome]);
  });

  it('drops frames that are not valid, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    openWithWelcome();
    FakeSocket.latest().receive('not json');
    FakeSocket.latest().receive(JSON.stringify({ type: 'message', message: { seq: -1 } }));
    expect(frames).toEqual([welcome]);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('stops for good when the server no longer knows the conversation', () => {
    openWithWelcome();
    const lost = { type: 'error', code: 'conversation_not_found', fatal: true } as const;
    FakeSocket.latest().receive(lost);
    expect(connection.state).toBe('closed');
    expect(frames.at(-1)).toEqual(lost);
    FakeSocket.latest().drop();
    vi.advanceTimersByTime(RECONNECT_MAX_MS * 2);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('keeps reconnecting after other fatal errors', () => {
    openWithWelcome();
    FakeSocket.latest().receive({ type: 'error', code: 'rate_limited', fatal: true });
    FakeSocket.latest().drop();
    expect(connection.state).toBe('reconnecting');
  });

  it('gives up on a socket that never gets its welcome', () => {
    connection.start();
    FakeSocket.latest().open();
    FakeSocket.latest().receive({ type: 'error', code: 'internal_error' });
    vi.advanceTimersByTime(15_000);
    expect(connection.state).toBe('reconnecting');
  });

  it('builds the socket address from the page address', () => {
    expect(wsUrl()).toBe('wss://desk.example.gov.pl/ws');
  });
});
