import { afterEach, describe, expect, it } from 'vitest';
import { rememberTopicNames, topicName } from '../../src/web/common/topic-name';
import type { Translate } from '../../src/web/common/i18n';

/** A translator that knows only the seeded topic `work`, as the locale files do. */
const t: Translate = (key) => (key === 'common:topics.work' ? 'Work (locale file)' : key);

describe('topicName', () => {
  afterEach(() => rememberTopicNames(undefined));

  it("prefers the office's name in the reader's language", () => {
    expect(topicName(t, 'work', 'en', { en: 'Work and permits', pl: 'Praca' })).toBe('Work and permits');
    expect(topicName(t, 'work', 'pl', { en: 'Work and permits', pl: 'Praca' })).toBe('Praca');
  });

  it('falls back to the locale file, then to the id', () => {
    expect(topicName(t, 'work', 'uk', { pl: 'Praca' })).toBe('Work (locale file)');
    expect(topicName(t, 'poles_card', 'uk', undefined)).toBe('poles_card');
  });

  it('uses the names remembered from /api/desk when none are given', () => {
    rememberTopicNames({ poles_card: { en: "Pole's Card" } });
    expect(topicName(t, 'poles_card', 'en')).toBe("Pole's Card");
    expect(topicName(t, 'poles_card', 'ru')).toBe('poles_card');
  });
});
