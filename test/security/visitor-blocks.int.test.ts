/**
 * Staff block a visitor: the device and the network (IPv6 by its /64) of one conversation, for a
 * chosen time with a reason. While the block is in force that device or network can start no
 * conversation, leave no message and book no call (`visitor_blocked`, saying only until when); it
 * ends by itself at its time; supervisors list and lift blocks; all audited; ended blocks are
 * deleted by retention; on SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { RetentionJob } from '../../src/server/retention/job';
import { RetentionRepository } from '../../src/server/retention/repository';
import type { VisitorBlock } from '../../src/shared/protocol';
import { serverForSuite, signedInStaff, type TestServer } from '../support/app';
import { databaseTargets } from '../support/databases';

/** A Wednesday noon in Warsaw: the desk is open. */
const OPEN = '2026-01-14T11:00:00Z';
const HOUR_MS = 60 * 60 * 1000;
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe.each(databaseTargets)('blocking a visitor on $engine', (target) => {
  const suite = serverForSuite(target, { CONVERSATIONS_PER_MINUTE: '1000', LEFT_MESSAGES_PER_HOUR: '1000', LOGINS_PER_MINUTE: '1000' });
  let server: TestServer;
  let consultant: { cookie: string };
  let supervisor: { cookie: string };
  beforeEach(async () => {
    server = suite();
    server.clock.set(OPEN);
    consultant ??= await signedInStaff(server, { languages: ['en'] });
    supervisor ??= await signedInStaff(server, { role: 'supervisor', languages: ['en'] });
  });
  const inject = (options: InjectOptions) => server.app.server.inject(options);
  /** A /64 of its own for each test, so the tests' blocks do not meet. */
  const network = () => `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;

  const start = (address: string, deviceId?: string) =>
    inject({ method: 'POST', url: '/api/conversations', remoteAddress: address, payload: { language: 'en', topic: 'work', privacyAccepted: true, ...(deviceId && { deviceId }) } });
  const leave = (address: string) =>
    inject({ method: 'POST', url: '/api/left-messages', remoteAddress: address, payload: { language: 'en', topic: 'work', body: 'A question about my card', consent: true } });
  const book = (address: string) =>
    inject({
      method: 'POST',
      url: '/api/bookings',
      remoteAddress: address,
      payload: { language: 'en', topic: 'work', callKind: 'voice', startsAt: later(OPEN, 24 * HOUR_MS), timeZone: 'Europe/Warsaw', privacyAccepted: true },
    });
  const block = (cookie: string, conversationId: string, hours: number, reason = 'Insults in every message') =>
    inject({ method: 'POST', url: `/api/staff/conversations/${conversationId}/block`, headers: { cookie }, payload: { hours, reason } });
  const blocked = (response: { statusCode: number; json(): unknown }) => ({ status: response.statusCode, code: (response.json() as { code?: string }).code });

  async function startedFrom(address: string, deviceId?: string): Promise<string> {
    const response = await start(address, deviceId);
    expect(response.statusCode, response.body).toBe(201);
    return (await server.app.conversations.findByToken(response.json().token)).id;
  }
  const audits = (action: 'visitor.blocked' | 'visitor.unblocked', conversationId: string) =>
    server.database.db.selectFrom('audit_log').where('action', '=', action).where('target_id', '=', conversationId).select(['actor_id', 'detail']).execute();

  it('refuses new conversations, left messages and bookings from the blocked network — its whole /64 — saying until when, and nothing of why', async () => {
    const net = network();
    const conversationId = await startedFrom(`${net}::5`);
    const made = await block(consultant.cookie, conversationId, 24);
    expect(made.statusCode, made.body).toBe(201);
    const until = later(OPEN, 24 * HOUR_MS);
    expect(made.json()).toMatchObject({ conversationId, until, reason: 'Insults in every message' });

    for (const refused of [await start(`${net}:ffff::1`), await leave(`${net}::5`), await book(`${net}:1::2`)]) {
      expect(blocked(refused)).toEqual({ status: 403, code: 'visitor_blocked' });
      expect(refused.json()).toMatchObject({ detail: until });
      expect(refused.body).not.toContain('Insults');
    }
    // Another /64 is someone else.
    expect((await start(`${network()}::5`)).statusCode).toBe(201);
    expect(await audits('visitor.blocked', conversationId)).toHaveLength(1);
  });

  it('refuses the blocked device from any network, when the visitor let its device id be sent', async () => {
    const deviceId = randomUUID().replace(/-/g, '');
    const conversationId = await startedFrom(`${network()}::1`, deviceId);
    expect((await block(consultant.cookie, conversationId, 1)).statusCode).toBe(201);
    expect(blocked(await start(`${network()}::1`, deviceId))).toEqual({ status: 403, code: 'visitor_blocked' });
    expect((await start(`${network()}::1`, randomUUID().replace(/-/g, ''))).statusCode).toBe(201);
  });

  it('ends the block by itself at its time', async () => {
    const address = `${network()}::9`;
    const conversationId = await startedFrom(address);
    expect((await block(consultant.cookie, conversationId, 1)).statusCode).toBe(201);
    server.clock.set(later(OPEN, HOUR_MS - 1000));
    expect(blocked(await start(address))).toEqual({ status: 403, code: 'visitor_blocked' });
    server.clock.set(later(OPEN, HOUR_MS));
    expect((await start(address)).statusCode).toBe(201);
  });

  it('lets supervisors, and only them, list the blocks in force and lift one, audited', async () => {
    const address = `${network()}::7`;
    const conversationId = await startedFrom(address);
    const made = (await block(consultant.cookie, conversationId, 168, 'Threats')).json() as VisitorBlock;

    expect((await inject({ method: 'GET', url: '/api/staff/blocks', headers: { cookie: consultant.cookie } })).statusCode).toBe(403);
    const listed = await inject({ method: 'GET', url: '/api/staff/blocks', headers: { cookie: supervisor.cookie } });
    expect((listed.json() as { blocks: VisitorBlock[] }).blocks).toContainEqual(made);

    expect((await inject({ method: 'DELETE', url: `/api/staff/blocks/${made.id}`, headers: { cookie: consultant.cookie } })).statusCode).toBe(403);
    expect((await inject({ method: 'DELETE', url: `/api/staff/blocks/${made.id}`, headers: { cookie: supervisor.cookie } })).statusCode).toBe(204);
    expect((await start(address)).statusCode).toBe(201);
    const again = await inject({ method: 'DELETE', url: `/api/staff/blocks/${made.id}`, headers: { cookie: supervisor.cookie } });
    expect(blocked(again)).toEqual({ status: 404, code: 'block_not_found' });
    const afterLift = await inject({ method: 'GET', url: '/api/staff/blocks', headers: { cookie: supervisor.cookie } });
    expect((afterLift.json() as { blocks: VisitorBlock[] }).blocks.map((b) => b.id)).not.toContain(made.id);
    expect(await audits('visitor.unblocked', conversationId)).toHaveLength(1);
  });

  it('refuses a bad duration, an empty reason and a conversation of no one, without a 5xx', async () => {
    const conversationId = await startedFrom(`${network()}::3`);
    expect(blocked(await block(consultant.cookie, conversationId, 5))).toEqual({ status: 400, code: 'validation_failed' });
    expect(blocked(await block(consultant.cookie, conversationId, 1, '   '))).toEqual({ status: 400, code: 'validation_failed' });
    expect(blocked(await block(consultant.cookie, randomUUID(), 1))).toEqual({ status: 404, code: 'conversation_not_found' });
    expect(blocked(await block(consultant.cookie, 'not-an-id', 1))).toEqual({ status: 404, code: 'conversation_not_found' });
    expect((await inject({ method: 'POST', url: `/api/staff/conversations/${conversationId}/block`, payload: { hours: 1, reason: 'x' } })).statusCode).toBe(401);
  });

  it('refuses to block a conversation that holds neither a device nor a network, storing no block', async () => {
    // Started as booked calls were before they kept the joining network: no hash to match.
    const { conversation } = await server.app.conversations.start(server.app.desk, { language: 'en', topic: 'work', privacyAccepted: true });
    expect(blocked(await block(supervisor.cookie, conversation.id, 1))).toEqual({ status: 422, code: 'block_nothing_to_match' });
    expect(await server.database.db.selectFrom('visitor_blocks').where('conversation_id', '=', conversation.id).select('id').execute()).toEqual([]);
  });

  it('deletes a block a week after it ended; the audit log keeps that it was made', async () => {
    const conversationId = await startedFrom(`${network()}::4`);
    const made = (await block(consultant.cookie, conversationId, 1)).json() as VisitorBlock;
    const job = () => new RetentionJob(new RetentionRepository(server.database.db), server.clock, { days: 30, auditDays: 60 }, server.app.server.log);
    const stored = () => server.database.db.selectFrom('visitor_blocks').where('id', '=', made.id).select('id').execute();
    server.clock.set(later(made.until, 6 * 24 * HOUR_MS));
    await job().runOnce();
    expect(await stored()).toHaveLength(1);
    server.clock.set(later(made.until, 8 * 24 * HOUR_MS));
    await job().runOnce();
    expect(await stored()).toEqual([]);
    expect(await audits('visitor.blocked', conversationId)).toHaveLength(1);
  });

  // Last: a day on, the suite's staff sessions have expired.
  it('checks the client joining a booked call against blocks, and a block from the call’s conversation matches its network', async () => {
    const booked = await book(`${network()}::6`);
    expect(booked.statusCode, booked.body).toBe(201);
    const bookingToken = (booked.json() as { token: string }).token;
    const join = (address: string) => inject({ method: 'POST', url: '/api/bookings/current/join', remoteAddress: address, headers: { authorization: `Bearer ${bookingToken}` } });
    server.clock.set(later(OPEN, 24 * HOUR_MS));
    const net = network();
    const joined = await join(`${net}::6`);
    expect(joined.statusCode, joined.body).toBe(200);
    const conversationId = (await server.app.conversations.findByToken((joined.json() as { token: string }).token)).id;
    const staffThen = await signedInStaff(server, { role: 'supervisor', languages: ['en'] });
    expect((await block(staffThen.cookie, conversationId, 1)).statusCode).toBe(201);
    expect(blocked(await start(`${net}::7`))).toEqual({ status: 403, code: 'visitor_blocked' });
    expect(blocked(await join(`${net}::6`))).toEqual({ status: 403, code: 'visitor_blocked' });
  });
});
