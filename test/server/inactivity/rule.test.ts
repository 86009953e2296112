import { describe, expect, it } from 'vitest';
import { inactivitySettingsSchema } from '../../../src/shared/protocol';
import { idleStep, visitorGone } from '../../../src/server/inactivity/rule';
import { DEFAULT_INACTIVITY_SETTINGS } from '../../../src/server/inactivity/service';

const SETTINGS = { warningSeconds: 600, endSeconds: 300, absentSeconds: 120 };
const QUIET_SINCE = '2026-01-14T11:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(QUIET_SINCE) + seconds * 1000);

describe('idle conversations', () => {
  const quiet = { lastActivityAt: QUIET_SINCE, warnedIdleSince: null, warnedAt: null };

  it('asks "are you still there?" once the quiet spell reaches the warning threshold, not a second before', () => {
    expect(idleStep(quiet, at(599), SETTINGS)).toBe('none');
    expect(idleStep(quiet, at(600), SETTINGS)).toBe('warn');
  });

  it('ends the conversation the end threshold after the question was asked, counted from the question', () => {
    const warned = { ...quiet, warnedIdleSince: QUIET_SINCE, warnedAt: at(900).toISOString() };
    expect(idleStep(warned, at(1199), SETTINGS)).toBe('none');
    expect(idleStep(warned, at(1200), SETTINGS)).toBe('end');
  });

  it('starts over when the visitor writes after the question: a new spell is asked about again, never ended straight away', () => {
    const answered = { lastActivityAt: at(650).toISOString(), warnedIdleSince: QUIET_SINCE, warnedAt: at(600).toISOString() };
    expect(idleStep(answered, at(1000), SETTINGS)).toBe('none');
    expect(idleStep(answered, at(1250), SETTINGS)).toBe('warn');
  });
});

describe('waiting visitors without a connection', () => {
  it('counts from the last sighting of a socket, or from joining the queue when later or never seen', () => {
    expect(visitorGone({ queuedAt: QUIET_SINCE, seenAt: null }, at(119), SETTINGS)).toBe(false);
    expect(visitorGone({ queuedAt: QUIET_SINCE, seenAt: null }, at(120), SETTINGS)).toBe(true);
    expect(visitorGone({ queuedAt: QUIET_SINCE, seenAt: at(100).toISOString() }, at(219), SETTINGS)).toBe(false);
    expect(visitorGone({ queuedAt: QUIET_SINCE, seenAt: at(100).toISOString() }, at(220), SETTINGS)).toBe(true);
    // Rejoined the queue after an old sighting: the new place counts.
    expect(visitorGone({ queuedAt: at(500).toISOString(), seenAt: at(100).toISOString() }, at(600), SETTINGS)).toBe(false);
  });
});

describe('the thresholds an admin may set', () => {
  it('accepts the defaults and refuses values outside their ranges', () => {
    expect(inactivitySettingsSchema.safeParse(DEFAULT_INACTIVITY_SETTINGS).success).toBe(true);
    expect(inactivitySettingsSchema.safeParse({ ...SETTINGS, warningSeconds: 9 }).success).toBe(false);
    expect(inactivitySettingsSchema.safeParse({ ...SETTINGS, warningSeconds: 7201 }).success).toBe(false);
    expect(inactivitySettingsSchema.safeParse({ ...SETTINGS, endSeconds: 3601 }).success).toBe(false);
    expect(inactivitySettingsSchema.safeParse({ ...SETTINGS, absentSeconds: 1.5 }).success).toBe(false);
  });
});
