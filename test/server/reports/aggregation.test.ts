import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/server/reports/csv';
import {
  callFacts,
  conversationResult,
  durationBucket,
  endedFacts,
  leftMessageAnsweredFact,
  quantileOfBuckets,
  startedFact,
  takenBack,
  type ConversationFacts,
} from '../../../src/server/reports/facts';
import { suppressSmallGroups } from '../../../src/server/reports/figures';
import { workingSecondsBetween } from '../../../src/server/reports/working-time';
import { polishHolidays } from '../../../src/server/schedule/holidays';
import { scheduleRules } from '../../support/schedule';

const closed: ConversationFacts = {
  desk_id: 'desk',
  language: 'uk',
  topic: 'work',
  created_at: '2026-01-14T11:00:00.000Z',
  assigned_at: null,
  first_reply_at: null,
  closed_at: '2026-01-14T11:04:00.000Z',
  outcome: 'visitor_left',
  assignee_id: null,
  booking_id: null,
  call_kind: null,
};

describe('what a conversation counts as', () => {
  it('is served once a consultant took it, whatever its close outcome', () => {
    expect(conversationResult({ ...closed, assigned_at: '2026-01-14T11:01:00.000Z' })).toBe('served');
    expect(conversationResult({ ...closed, assigned_at: '2026-01-14T11:01:00.000Z', outcome: 'referred' })).toBe('served');
  });

  it('is given up when the visitor left, or went idle, before anyone took it', () => {
    expect(conversationResult(closed)).toBe('given_up');
    expect(conversationResult({ ...closed, outcome: 'visitor_inactive' })).toBe('given_up');
  });

  it('is turned away when the desk closed on it unserved: ended at closing, or turned into a left message at closing', () => {
    expect(conversationResult({ ...closed, outcome: 'ended_at_closing' })).toBe('turned_away');
    expect(conversationResult({ ...closed, outcome: 'left_message_at_closing' })).toBe('turned_away');
    // Served before closing, it stays served.
    expect(conversationResult({ ...closed, outcome: 'ended_at_closing', assigned_at: '2026-01-14T11:01:00.000Z' })).toBe('served');
  });

  it('counts a given-up visitor’s wait until they left, with no consultant and no handling time', () => {
    expect(endedFacts(closed)).toEqual([expect.objectContaining({ measure: 'conversation_ended', outcome: 'given_up', seconds: 240, staffId: null })]);
  });

  it('counts a served conversation’s wait, first response and handling for its consultant', () => {
    const served = { ...closed, outcome: 'answered', assignee_id: 'anna', assigned_at: '2026-01-14T11:01:30.000Z', first_reply_at: '2026-01-14T11:02:00.000Z' };
    expect(endedFacts(served).map(({ measure, seconds, staffId }) => ({ measure, seconds, staffId }))).toEqual([
      { measure: 'conversation_ended', seconds: 90, staffId: 'anna' },
      { measure: 'first_response', seconds: 120, staffId: 'anna' },
      { measure: 'handling', seconds: 150, staffId: 'anna' },
    ]);
  });

  it('counts nothing for a conversation still open', () => {
    expect(endedFacts({ ...closed, closed_at: null })).toEqual([]);
  });

  it('counts a visitor who named a language the interface lacks under that language', () => {
    const uzbek = { ...closed, language: 'ru', spoken_language: 'uz' };
    expect(startedFact(uzbek).language).toBe('uz');
    expect(endedFacts(uzbek).map((fact) => fact.language)).toEqual(['uz']);
    expect(startedFact(closed).language).toBe(closed.language);
  });

  it('counts a visitor who left the queue while away as given up', () => {
    expect(conversationResult({ ...closed, outcome: 'visitor_absent' })).toBe('given_up');
  });
});

describe('what a call counts as', () => {
  const call = {
    desk_id: 'desk',
    kind: 'voice' as const,
    outcome: 'answered',
    started_at: '2026-01-14T11:00:00.000Z',
    answered_at: '2026-01-14T11:00:10.000Z',
    ended_at: '2026-01-14T11:05:10.000Z',
    started_by: 'anna',
    language: 'ru',
    topic: 'work',
    interpreterJoined: true,
  };

  it('counts its kind and talk time, and an interpreted call under the language the visitor speaks', () => {
    expect(callFacts({ ...call, spoken_language: 'uz' }).map(({ measure, channel, language, seconds }) => ({ measure, channel, language, seconds }))).toEqual([
      { measure: 'call', channel: 'voice', language: 'uz', seconds: 300 },
      { measure: 'interpreter_call', channel: 'interpreter', language: 'uz', seconds: 300 },
    ]);
  });

  it('counts an unanswered call as missed, with no talk time and no interpreter', () => {
    expect(callFacts({ ...call, outcome: null, answered_at: null, interpreterJoined: false })).toEqual([
      expect.objectContaining({ measure: 'call', outcome: 'missed', seconds: 0 }),
    ]);
  });
});

describe('taking a count back', () => {
  it('negates each fact, so a rejoined conversation’s first end leaves no trace', () => {
    expect(takenBack(endedFacts(closed)).map((fact) => fact.delta)).toEqual([-1]);
  });
});

describe('percentiles from duration buckets', () => {
  it('interpolates inside the bucket the quantile falls in', () => {
    // 10 waits under 15 s, 10 between 60 and 120 s: the median is the top of the first bucket.
    const buckets = new Map([
      [0, 10],
      [3, 10],
    ]);
    expect(quantileOfBuckets(buckets, 0.5)).toBe(15);
    expect(quantileOfBuckets(buckets, 0.9)).toBe(108);
    expect(quantileOfBuckets(new Map(), 0.5)).toBeNull();
  });
});

describe('working-hours answer time', () => {
  const hours = scheduleRules({ hours: 'mon-fri 08:00-16:00', holidays: polishHolidays() });

  it('counts only the office hours between leaving a message and its answer', () => {
    // Friday 15:00 → Monday 09:00 (Warsaw, winter): one hour on Friday, one on Monday.
    expect(workingSecondsBetween(hours, '2026-01-16T14:00:00Z', '2026-01-19T08:00:00Z')).toBe(2 * 3600);
  });

  it('skips a public holiday', () => {
    // Monday 5 January 15:00 → Wednesday 7 January 09:00: 1 h, Epiphany (6 January) off, 1 h.
    expect(workingSecondsBetween(hours, '2026-01-05T14:00:00Z', '2026-01-07T08:00:00Z')).toBe(2 * 3600);
  });

  it('counts wall-clock office hours across the change to summer time', () => {
    // Friday 27 March 15:00 CET → Monday 30 March 09:00 CEST (clocks went forward on Sunday 29 March).
    expect(workingSecondsBetween(hours, '2026-03-27T14:00:00Z', '2026-03-30T07:00:00Z')).toBe(2 * 3600);
  });

  it('skips a holiday and counts wall-clock hours across a clock change in one wait', () => {
    // Friday 27 March 15:00 CET → Tuesday 7 April 09:00 CEST: clocks forward on 29 March, Easter
    // Monday (6 April) off: 1 h + five full days of 8 h + 1 h.
    expect(workingSecondsBetween(hours, '2026-03-27T14:00:00Z', '2026-04-07T07:00:00Z')).toBe(42 * 3600);
    // Friday 23 October 15:00 CEST → Monday 26 October 09:00 CET: clocks back on 25 October.
    expect(workingSecondsBetween(hours, '2026-10-23T13:00:00Z', '2026-10-26T08:00:00Z')).toBe(2 * 3600);
  });

  it('gives the median answer time of left messages in working hours, whatever the holidays and clock changes between', () => {
    const message = { desk_id: 'desk', language: 'uk', topic: 'work', created_at: '2026-03-27T14:00:00Z' };
    // Answered after 1 h (Friday), after the weekend and the change to summer time (2 h), and after Easter Monday (42 h).
    const answers = ['2026-03-27T15:00:00Z', '2026-03-30T07:00:00Z', '2026-04-07T07:00:00Z'].map((at) =>
      leftMessageAnsweredFact(message, 'anna', workingSecondsBetween(hours, message.created_at, at)),
    );
    expect(answers.map((fact) => fact.seconds)).toEqual([3600, 2 * 3600, 42 * 3600]);
    const buckets = new Map<number, number>();
    for (const fact of answers) buckets.set(durationBucket(fact.seconds!), (buckets.get(durationBucket(fact.seconds!)) ?? 0) + 1);
    // The median lies in the bucket of the two-hour answer (two to four hours).
    const median = quantileOfBuckets(buckets, 0.5)!;
    expect(median).toBeGreaterThanOrEqual(2 * 3600);
    expect(median).toBeLessThan(4 * 3600);
  });

  it('is zero when the answer comes while the office is closed, before any opening', () => {
    expect(workingSecondsBetween(hours, '2026-01-17T10:00:00Z', '2026-01-18T10:00:00Z')).toBe(0);
  });
});

describe('CSV for spreadsheets', () => {
  it('starts with a byte-order mark and quotes as RFC 4180 says, with CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [['Łódź, "centrum"', 'line\nbreak']])).toBe('\uFEFFa,b\r\n"Łódź, ""centrum""","line\nbreak"\r\n');
  });

  it('never lets a cell start a formula, quoted or not', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+48 123')).toBe("'+48 123");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});

describe('small-group suppression', () => {
  const table = { figure: 'interpreter_calls' as const, columns: ['language', 'calls', 'average_seconds'], rows: [['uk', 12, 300], ['ru', 2, 240]] };

  it('blanks the figures of a row about fewer people than the minimum, keeping its label', () => {
    expect(suppressSmallGroups(table, 5).rows).toEqual([
      ['uk', 12, 300],
      ['ru', null, null],
    ]);
  });

  it('leaves a summary of totals as it is', () => {
    const summary = { figure: 'summary' as const, columns: ['label', 'value'], rows: [['served', 1], ['satisfaction_average', 4.5], ['satisfaction_responses', 6]] };
    expect(suppressSmallGroups(summary, 5)).toEqual(summary);
  });

  it('blanks the summary’s satisfaction average and count when fewer people rated than the minimum', () => {
    const summary = { figure: 'summary' as const, columns: ['label', 'value'], rows: [['served', 40], ['satisfaction_average', 2], ['satisfaction_responses', 1]] };
    expect(suppressSmallGroups(summary, 5).rows).toEqual([
      ['served', 40],
      ['satisfaction_average', null],
      ['satisfaction_responses', null],
    ]);
  });

  it('blanks a consultant’s satisfaction cells when fewer people rated them than the minimum, even with enough served', () => {
    const perConsultant = {
      figure: 'per_consultant' as const,
      columns: ['staff', 'served', 'first_response_p50_seconds', 'handling_p50_seconds', 'satisfaction_average', 'satisfaction_responses'],
      rows: [
        ['Anna', 12, 30, 300, 1, 1],
        ['Ola', 9, 40, 200, 4.2, 5],
        ['Piotr', 7, 20, 100, null, 0],
      ],
    };
    expect(suppressSmallGroups(perConsultant, 5).rows).toEqual([
      ['Anna', 12, 30, 300, null, null],
      ['Ola', 9, 40, 200, 4.2, 5],
      ['Piotr', 7, 20, 100, null, 0],
    ]);
  });
});
