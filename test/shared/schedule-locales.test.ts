/** Every reason the schedule can give and every holiday id it can name has a text in every language. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_NAME_IDS } from '../../src/server/schedule/holidays';
import { UI_LANGUAGES } from '../../src/shared/languages';
import { SCHEDULE_REASONS } from '../../src/shared/protocol';

const read = (language: string, namespace: string) =>
  JSON.parse(readFileSync(new URL(`../../src/shared/locales/${language}/${namespace}.json`, import.meta.url), 'utf8'));

describe.each(UI_LANGUAGES)('schedule texts in %s', (language) => {
  it('names every holiday', () => {
    const holidays = read(language, 'common').holidays ?? {};
    for (const id of HOLIDAY_NAME_IDS) expect(holidays[id], `common:holidays.${id}`).toMatch(/\S/);
  });

  it('explains every reason for being closed', () => {
    const reasons = read(language, 'visitor').status?.reasons ?? {};
    for (const reason of SCHEDULE_REASONS.filter((r) => r !== 'open')) expect(reasons[reason], `visitor:status.reasons.${reason}`).toMatch(/\S/);
  });
});
