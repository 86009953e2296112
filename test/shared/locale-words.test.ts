/**
 * Words that read wrong (issue 18): slash and bracket forms that pick a gender in Polish,
 * Ukrainian and Russian (a neutral construction is always possible), two kinds of apostrophe in
 * Ukrainian, the official "numer sprawy" for a left message's reference, and "encrypted" where a
 * hash is meant.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src/shared/locales');

/** Every string of a language, with the file and key path it is at. */
function strings(language: string): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const walk = (value: unknown, where: string) => {
    if (typeof value === 'string') found.push({ where, text: value });
    else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) walk(child, `${where}.${key}`);
  };
  for (const file of readdirSync(join(ROOT, language))) walk(JSON.parse(readFileSync(join(ROOT, language, file), 'utf8')), `${language}/${file}`);
  return found;
}

/** "zalogowany/a", "Pan/Pani", "согласен(на)", "Приглашён(а)": a gendered ending added by slash or brackets. */
const GENDER_SLASH_OR_BRACKETS = /\p{L}\/\p{L}{1,4}\b|\p{L}\((a|ła|na|на|а|ла|ая|ий|ый|ка)\)/u;

describe('gender-neutral texts', () => {
  for (const language of ['pl', 'uk', 'ru']) {
    it(`has no slash or bracket gender forms in ${language}`, () => {
      const offenders = strings(language).filter(({ text }) => GENDER_SLASH_OR_BRACKETS.test(text.replace(/https?:\/\/\S+|\/[a-z0-9/_-]+/g, '')));
      expect(offenders).toEqual([]);
    });
  }

  it('asks the visitor for a name, not a signature, in Polish, Ukrainian and Russian', () => {
    for (const language of ['pl', 'uk', 'ru']) {
      const hint = strings(language).find(({ where }) => where === `${language}/visitor.json.start.nameHint`)!.text;
      expect(hint).not.toMatch(/podpis|підпис|подпис/i);
    }
  });
});

describe('one word for one thing', () => {
  it('uses one apostrophe in Ukrainian (’)', () => {
    expect(strings('uk').filter(({ text }) => /\p{L}'\p{L}/u.test(text))).toEqual([]);
  });

  it('calls a left message’s reference "numer zgłoszenia" in Polish, never "numer sprawy"', () => {
    const polish = strings('pl');
    expect(polish.filter(({ text }) => /numer sprawy/i.test(text))).toEqual([]);
    expect(polish.find(({ where }) => where === 'pl/visitor.json.messagePage.reference')!.text).toBe('Numer zgłoszenia');
  });

  it('says the device number is kept as a hash, not encrypted', () => {
    for (const language of ['en', 'pl', 'uk', 'ru']) {
      const hint = strings(language).find(({ where }) => where === `${language}/visitor.json.start.rememberDeviceHint`)!.text;
      expect(hint).toMatch(/hash|хеш/i);
      expect(hint).not.toMatch(/encrypt|scrambl|szyfr|шифр/i);
    }
  });
});
