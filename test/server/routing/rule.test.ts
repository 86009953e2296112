import { describe, expect, it } from 'vitest';
import {
  chooseConsultant,
  DEFAULT_HANDLING_MINUTES,
  estimateWaitMinutes,
  meanHandlingMinutes,
  roundEstimate,
  type Candidate,
} from '../../../src/server/routing/rule';

function candidate(id: string, overrides: Partial<Candidate> = {}): Candidate {
  return { id, languages: ['pl', 'en'], interpreterLanguages: [], topics: [], maxConcurrent: 3, load: 0, idleSince: '2026-01-14T10:00:00.000Z', ...overrides };
}

const english = { language: 'en', topic: 'work' };

describe('chooseConsultant', () => {
  it('takes only someone who speaks the language', () => {
    const chosen = chooseConsultant({ language: 'uk', topic: 'work' }, [candidate('a'), candidate('b', { languages: ['uk'] })]);
    expect(chosen?.id).toBe('b');
    expect(chooseConsultant({ language: 'ru', topic: 'work' }, [candidate('a')])).toBeNull();
  });

  it('takes only someone who handles the topic; no topics means every topic', () => {
    const candidates = [candidate('a', { topics: ['citizenship'], idleSince: '2026-01-14T08:00:00.000Z' }), candidate('b', { topics: [] })];
    expect(chooseConsultant(english, candidates)?.id).toBe('b');
    expect(chooseConsultant({ language: 'en', topic: 'citizenship' }, candidates)?.id).toBe('a');
  });

  it('skips anyone at their maximum', () => {
    const candidates = [candidate('full', { load: 3, idleSince: '2026-01-14T08:00:00.000Z' }), candidate('room', { load: 2 })];
    expect(chooseConsultant(english, candidates)?.id).toBe('room');
    expect(chooseConsultant(english, [candidate('one', { maxConcurrent: 1, load: 1 })])).toBeNull();
  });

  it('prefers fewer conversations, then the one idle longest', () => {
    const candidates = [
      candidate('busy-but-idle-long', { load: 1, idleSince: '2026-01-14T07:00:00.000Z' }),
      candidate('free-recent', { idleSince: '2026-01-14T10:30:00.000Z' }),
      candidate('free-idle-long', { idleSince: '2026-01-14T09:00:00.000Z' }),
    ];
    expect(chooseConsultant(english, candidates)?.id).toBe('free-idle-long');
  });

  it("prefers whoever speaks or interprets the visitor's own unlisted language, even when busier", () => {
    const uzbek = { language: 'ru', spoken_language: 'uz', topic: 'work' };
    const idleRussian = candidate('idle', { languages: ['ru'], idleSince: '2026-01-14T07:00:00.000Z' });
    const interpreter = candidate('interpreter', { languages: ['ru'], interpreterLanguages: ['uz'], load: 2 });
    const speaker = candidate('speaker', { languages: ['pl', 'uz'], load: 1 });
    expect(chooseConsultant(uzbek, [idleRussian, interpreter])?.id).toBe('interpreter');
    expect(chooseConsultant(uzbek, [idleRussian, interpreter, speaker])?.id).toBe('speaker');
    expect(chooseConsultant(uzbek, [idleRussian])?.id).toBe('idle');
  });

  it("lets someone who speaks only the visitor's own language take them", () => {
    const onlyUzbek = candidate('uz-only', { languages: ['uz'] });
    expect(chooseConsultant({ language: 'ru', spoken_language: 'uz', topic: 'work' }, [onlyUzbek])?.id).toBe('uz-only');
    expect(chooseConsultant({ language: 'ru', topic: 'work' }, [onlyUzbek])).toBeNull();
  });

  it('skips whoever already let this offer pass', () => {
    const candidates = [candidate('a', { idleSince: '2026-01-14T08:00:00.000Z' }), candidate('b')];
    expect(chooseConsultant(english, candidates, new Set(['a']))?.id).toBe('b');
    expect(chooseConsultant(english, candidates, new Set(['a', 'b']))).toBeNull();
  });
});

describe('estimateWaitMinutes', () => {
  const handled = [6, 8, 10];

  it('is unknown when nobody on duty can take the conversation', () => {
    expect(estimateWaitMinutes({ position: 1, servers: [], recentHandlingMinutes: handled })).toBeNull();
  });

  it('is zero while a slot is free for this place', () => {
    expect(estimateWaitMinutes({ position: 2, servers: [{ maxConcurrent: 3, load: 1 }], recentHandlingMinutes: handled })).toBe(0);
  });

  it('grows by the mean handling time divided by the slots for every place beyond the free ones', () => {
    const servers = [
      { maxConcurrent: 1, load: 1 },
      { maxConcurrent: 1, load: 1 },
    ];
    expect(estimateWaitMinutes({ position: 1, servers, recentHandlingMinutes: handled })).toBe(4);
    expect(estimateWaitMinutes({ position: 3, servers, recentHandlingMinutes: handled })).toBe(12);
    expect(estimateWaitMinutes({ position: 3, servers: [{ maxConcurrent: 2, load: 1 }], recentHandlingMinutes: handled })).toBe(8);
  });

  it('assumes the default handling time until there are enough samples', () => {
    expect(meanHandlingMinutes([30, 30])).toBe(DEFAULT_HANDLING_MINUTES);
    expect(meanHandlingMinutes([3, 6, 9])).toBe(6);
  });
});

describe('roundEstimate', () => {
  it('says at least one minute and never more precision than the size deserves', () => {
    expect([0, 0.4, 1.4, 1.6, 9.4].map(roundEstimate)).toEqual([1, 1, 1, 2, 9]);
    expect([9.6, 12, 13, 27.4].map(roundEstimate)).toEqual([10, 10, 15, 25]);
    expect([29.9, 34, 36, 118].map(roundEstimate)).toEqual([30, 30, 40, 120]);
  });
});
