/**
 * `npm run bench:morning [-- --seed N --visitors 60 --hours 3 --consultants 3 --max-concurrent 1]`
 *
 * A simulated morning against the real services (routing, conversations, presence, SQLite) with
 * an injected clock: visitors arrive at seeded random times, the consultant offered a conversation
 * accepts it after a short seeded delay and closes it after a seeded handling time. Each visitor's
 * estimate on arrival (what the waiting page first says) is compared with the wait they then had.
 * docs/routing.md explains the estimate; its "Simulated morning" section quotes this output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app';
import type { Clock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { migrateToLatest, openDatabase } from '../src/server/db/database';
import { moduleMigrations } from '../src/server/modules';
import { createInProcessBus } from '../src/server/events/bus';
import type { StaffActor } from '../src/server/actor';
import { seededRandom } from './random';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '20260114' },
    visitors: { type: 'string', default: '60' },
    hours: { type: 'string', default: '3' },
    consultants: { type: 'string', default: '3' },
    'max-concurrent': { type: 'string', default: '1' },
    'median-handling': { type: 'string', default: '7' },
  },
});

const VISITORS = Number(args.visitors);
const MORNING_MINUTES = Number(args.hours) * 60;
const CONSULTANTS = Number(args.consultants);
const MAX_CONCURRENT = Number(args['max-concurrent']);
/** Handling times are log-normal around this median (minutes), spread σ = 0.5: most 3–19 min. */
const MEDIAN_HANDLING = Number(args['median-handling']);
const HANDLING_SPREAD = 0.5;
/** A consultant accepts an offer within 5–25 s. */
const ACCEPT_SECONDS = [5, 25] as const;
/** Wednesday 14 January 2026, 08:00 in Warsaw; the desk is open 08:00–12:00. */
const MORNING_START = Date.parse('2026-01-14T07:00:00Z');

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

class SimulatedClock implements Clock {
  current = MORNING_START;
  now(): Date {
    return new Date(this.current);
  }
}

type Happening = { at: number; run: () => Promise<void> };

async function simulate() {
  const random = seededRandom(Number(args.seed));
  const dir = mkdtempSync(join(tmpdir(), 'ek-morning-'));
  const databaseUrl = `sqlite:${join(dir, 'morning.db')}`;
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, OFFICE_HOURS: 'mon-fri 08:00-12:00', STATIC_DIR: '/nonexistent' });
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database.db, moduleMigrations);
  const bus = createInProcessBus();
  const clock = new SimulatedClock();
  const app = await buildApp(config, { database, bus, clock });

  const consultants: StaffActor[] = [];
  for (let n = 1; n <= CONSULTANTS; n++) {
    const user = await app.auth.addUser({
      deskId: app.desk.id,
      email: `consultant${n}@morning.example`,
      name: `Consultant ${n}`,
      role: 'consultant',
      languages: ['pl', 'en', 'uk', 'ru'],
      password: 'a simulated morning password',
      maxConcurrent: MAX_CONCURRENT,
    });
    consultants.push({ kind: 'staff', id: user.id, name: user.name, deskId: app.desk.id });
    await app.presence.connected({ id: user.id, deskId: app.desk.id });
  }

  // The agenda: arrivals now, acceptances and closings as they come up.
  const agenda: Happening[] = [];
  const schedule = (at: number, run: () => Promise<void>) => agenda.push({ at, run });
  const arrivals = Array.from({ length: VISITORS }, () => MORNING_START + random() * MORNING_MINUTES * 60_000).sort((a, b) => a - b);
  const estimates = new Map<string, { raw: number; shown: number; position: number }>();

  bus.subscribe((event) => {
    if (event.kind !== 'routing-offer') return;
    const consultant = consultants.find((c) => c.id === event.staffId)!;
    const acceptAfter = (ACCEPT_SECONDS[0] + random() * (ACCEPT_SECONDS[1] - ACCEPT_SECONDS[0])) * 1000;
    const handling = MEDIAN_HANDLING * Math.exp(HANDLING_SPREAD * normal(random)) * 60_000;
    schedule(clock.current + acceptAfter, async () => {
      await app.conversations.take(consultant, event.conversation.id);
      schedule(clock.current + handling, async () => {
        await app.conversations.close(app.desk, consultant, event.conversation.id, 'work', 'answered');
      });
    });
  });

  for (const at of arrivals) {
    schedule(at, async () => {
      const { conversation } = await app.conversations.start(app.desk, { language: 'en', topic: 'work', privacyAccepted: true });
      await app.routing.refresh();
      const estimate = await app.routing.waitEstimate(conversation.id);
      if (!estimate || estimate.minutes === null || estimate.queue.estimateMinutes === null) throw new Error('every visitor should get an estimate');
      estimates.set(conversation.id, { raw: estimate.minutes, shown: estimate.queue.estimateMinutes, position: estimate.queue.position });
    });
  }

  while (agenda.length > 0) {
    agenda.sort((a, b) => a.at - b.at);
    const next = agenda.shift()!;
    clock.current = Math.max(clock.current, next.at);
    await next.run();
    await app.routing.refresh();
  }

  const rows = await database.db.selectFrom('conversations').select(['id', 'created_at', 'assigned_at']).execute();
  const results = rows.map((row) => {
    const waited = (Date.parse(row.assigned_at!) - Date.parse(row.created_at)) / 60_000;
    const estimate = estimates.get(row.id)!;
    return { waited, ...estimate };
  });
  await app.server.close();
  await bus.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  return results;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = (sorted.length - 1) * q;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (index - low);
}

const fixed = (value: number) => value.toFixed(1).padStart(5);

const results = await simulate();
const waits = results.map((r) => r.waited);
const rawErrors = results.map((r) => Math.abs(r.raw - r.waited));
const shownErrors = results.map((r) => Math.abs(r.shown - r.waited));
const queued = results.filter((r) => r.position > 1 || r.waited > 1);

console.log(
  `Simulated morning: ${VISITORS} visitors over ${MORNING_MINUTES / 60} h, ${CONSULTANTS} consultants × ${MAX_CONCURRENT} conversation(s), ` +
    `handling log-normal median ${MEDIAN_HANDLING} min (σ ${HANDLING_SPREAD}), seed ${args.seed}`,
);
console.log(`measured wait (min):            median ${fixed(quantile(waits, 0.5))}   p90 ${fixed(quantile(waits, 0.9))}   max ${fixed(Math.max(...waits))}`);
console.log(`|estimate − wait|, unrounded:   median ${fixed(quantile(rawErrors, 0.5))}   p90 ${fixed(quantile(rawErrors, 0.9))}`);
console.log(`|estimate − wait|, as shown:    median ${fixed(quantile(shownErrors, 0.5))}   p90 ${fixed(quantile(shownErrors, 0.9))}`);
const bias = results.map((r) => r.raw - r.waited);
console.log(`estimate − wait (bias):         median ${fixed(quantile(bias, 0.5))}   (negative: the estimate was too short)`);
console.log(`visitors who queued (place > 1 or waited > 1 min): ${queued.length}`);
if (queued.length > 0) {
  const queuedErrors = queued.map((r) => Math.abs(r.shown - r.waited));
  console.log(`  of them |shown − wait|:       median ${fixed(quantile(queuedErrors, 0.5))}   p90 ${fixed(quantile(queuedErrors, 0.9))}`);
}
