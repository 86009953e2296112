/**
 * Finding 9: WebSocket connections are capped per client address (IPv6 per /64) and per token
 * (one conversation's visitor, one staff session), so one client cannot hold thousands of sockets.
 * A separate check from the per-socket flood guard.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectVisitor, serverForSuite, signedInStaff, startConversation, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';
import { TestSocket } from '../support/ws-client';

describe.each(databaseTargets)('WebSocket connection caps on $engine', (target) => {
  const suiteServer = serverForSuite(target, { WS_CONNECTIONS_PER_IP: '3', WS_CONNECTIONS_PER_TOKEN: '2', CONVERSATIONS_PER_MINUTE: '1000', LOGINS_PER_MINUTE: '1000' });
  let server: TestServer;
  let open: TestSocket[] = [];
  beforeEach(() => {
    server = suiteServer();
  });
  afterEach(async () => {
    for (const socket of open) socket.close();
    await Promise.all(open.map((socket) => socket.closed));
    open = [];
  });
  const keep = (socket: TestSocket) => (open.push(socket), socket);

  it('closes connections from one address beyond the cap, and admits again once one closes', async () => {
    for (let n = 0; n < 3; n++) keep(await TestSocket.open(server.wsUrl));
    const extra = await TestSocket.open(server.wsUrl);
    expect((await extra.closed).code).toBe(1013);
    const first = open.shift()!;
    first.close();
    await first.closed;
    const again = keep(await TestSocket.open(server.wsUrl));
    again.send({ type: 'ping' });
    await again.next('pong');
  });

  it('refuses a third socket for one visitor token, fatally', async () => {
    const started = await startConversation(server);
    for (let n = 0; n < 2; n++) keep((await connectVisitor(server, started.token)).socket);
    const third = await TestSocket.open(server.wsUrl);
    third.send({ type: 'visitor.hello', token: started.token, lastSeq: 0 });
    const refusal = await third.next('error');
    expect(refusal).toMatchObject({ code: 'too_many_connections', fatal: true });
    await third.closed;
  });

  it('refuses a third socket for one staff session', async () => {
    const staff = await signedInStaff(server);
    for (let n = 0; n < 2; n++) {
      const socket = keep(await TestSocket.open(server.wsUrl, { cookie: staff.cookie }));
      socket.send({ type: 'staff.hello' });
      await socket.next('welcome.staff');
    }
    const third = await TestSocket.open(server.wsUrl, { cookie: staff.cookie });
    third.send({ type: 'staff.hello' });
    expect(await third.next('error')).toMatchObject({ code: 'too_many_connections', fatal: true });
    await third.closed;
  });
});
