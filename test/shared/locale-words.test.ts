/**
 * Words that read wrong (issue 18): slash and bracket forms that pick a gender in Polish,
 * Ukrainian and Russian (a neutral construction is always possible), a Polish "you" in the past
 * tense that picks one, two kinds of apostrophe in Ukrainian, the official "numer sprawy" for a
 * left message's reference, "encrypted" where a hash is meant, two words for the office, and the
 * wrong case after "Accept" and "Decline".
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

/**
 * "zalogowany/a", "Pan/Pani", "согласен(на)", "Приглашён(а)", "Dostępny(-a)", "Ждал(-а)": a gendered
 * ending added by slash or brackets. "(SVG)" or "6(1)(e)" are not: no letter before the bracket.
 */
const GENDER_SLASH_OR_BRACKETS = /\p{L}\/\p{L}{1,4}\b|\p{L}\((a|ła|na|на|а|ла|ая|ий|ый|ка)\)|\p{L}\(-\p{L}{1,4}\)/u;

/** "napisałeś", "Poprosiłaś": the Polish singular "you" in the past tense always has a gender. */
const POLISH_GENDERED_YOU = /\p{L}(łeś|łaś)(?!\p{L})/u;

/**
 * The consultant, visitor and coordinator are roles held by people of any gender, so no text may say
 * what one of them did with a masculine past tense ("Konsultant zakończył", "Відвідувач вийшов",
 * "Посетитель не пришёл", also after one word: "nie odpowiadał", "уже взял", and before the noun:
 * "Разговор перенял координатор") nor call one "him" ("powiedziano mu", "йому", "его спросили").
 * Passive, impersonal, present-tense or noun forms are neutral. The role nouns are matched in the
 * nominative (as a subject), and the pronoun list keeps to forms that cannot mean a file or a message.
 */
const ROLE_NOUNS: Record<string, string> = {
  pl: 'konsultant|rozmówca|odwiedzający|interesant|koordynator|tłumacz',
  uk: 'консультант|відвідувач|координатор|перекладач|колега',
  ru: 'консультант|посетитель|координатор|переводчик|коллега',
};
const MASCULINE_PAST: Record<string, string> = { pl: 'ł', uk: 'в|вся', ru: 'л|лся' };
const HIM: Record<string, RegExp> = {
  pl: /(?<!\p{L})(mu|jemu|niemu)(?!\p{L})/iu,
  uk: /(?<!\p{L})(йому|його\s+запитали|чи\s+він)(?!\p{L})/iu,
  ru: /(?<!\p{L})(ему|его\s+спросили|ли\s+он)(?!\p{L})/iu,
};

/** The texts of a language that give a person in a role a masculine verb or pronoun. */
function masculineRoleTexts(language: string, texts: { where: string; text: string }[]): string[] {
  const role = `(?<!\\p{L})(${ROLE_NOUNS[language]})(?!\\p{L})`;
  const past = `\\p{L}+(${MASCULINE_PAST[language]})(?!\\p{L})`;
  const patterns = [new RegExp(`${role}\\s+(\\p{L}+\\s+)?${past}`, 'iu'), new RegExp(`${past}\\s+(\\p{L}+\\s+)?${role}`, 'iu'), HIM[language]!];
  return texts.filter(({ text }) => patterns.some((pattern) => pattern.test(text))).map(({ text }) => text);
}

describe('gender-neutral texts', () => {
  for (const language of ['pl', 'uk', 'ru']) {
    it(`has no slash or bracket gender forms in ${language}`, () => {
      const offenders = strings(language).filter(({ text }) => GENDER_SLASH_OR_BRACKETS.test(text.replace(/https?:\/\/\S+|\/[a-z0-9/_-]+/g, '')));
      expect(offenders).toEqual([]);
    });
  }

  for (const language of ['pl', 'uk', 'ru']) {
    it(`speaks of a consultant or visitor without a masculine verb or pronoun in ${language}`, () => {
      expect(masculineRoleTexts(language, strings(language))).toEqual([]);
    });
  }

  it('recognises the masculine forms the texts used to have', () => {
    const texts = (...list: string[]) => list.map((text) => ({ where: '', text }));
    expect(masculineRoleTexts('pl', texts('Konsultant zakończył rozmowę.', 'Rozmowa zakończyła się, bo rozmówca nie odpowiadał.', 'Inny konsultant przejął już tę rozmowę.', 'powiedziano mu, kiedy', 'Rozmowa zakończona przez konsultanta.', 'Rozmówca wraca i ustawia się na końcu kolejki.'))).toEqual([
      'Konsultant zakończył rozmowę.',
      'Rozmowa zakończyła się, bo rozmówca nie odpowiadał.',
      'Inny konsultant przejął już tę rozmowę.',
      'powiedziano mu, kiedy',
    ]);
    expect(masculineRoleTexts('uk', texts('Відвідувач вийшов', 'Розмову перейняв координатор', 'Відвідувач давно не пише; його запитали, чи він ще тут.', 'Консультант завершує розмову.', 'Цей файл, можливо, він пошкоджений'))).toEqual([
      'Відвідувач вийшов',
      'Розмову перейняв координатор',
      'Відвідувач давно не пише; його запитали, чи він ще тут.',
    ]);
    expect(masculineRoleTexts('ru', texts('Посетитель не пришёл', 'Другой консультант уже взял этот разговор.', 'ему сообщили', 'Разговор завершён консультантом.', 'Он будет отправлен посетителю'))).toEqual([
      'Посетитель не пришёл',
      'Другой консультант уже взял этот разговор.',
      'ему сообщили',
    ]);
  });

  it('says "you" in Polish without a past tense that picks a gender', () => {
    expect(strings('pl').filter(({ text }) => POLISH_GENDERED_YOU.test(text))).toEqual([]);
  });

  it('asks the visitor for a name, not a signature, in Polish, Ukrainian and Russian', () => {
    for (const language of ['pl', 'uk', 'ru']) {
      const hint = strings(language).find(({ where }) => where === `${language}/visitor.json.start.nameHint`)!.text;
      expect(hint).not.toMatch(/podpis|підпис|подпис/i);
    }
  });
});

describe('one word for one thing', () => {
  it('uses one apostrophe in Ukrainian (’, U+2019): never the ASCII one nor the modifier letter ʼ (U+02BC)', () => {
    expect(strings('uk').filter(({ text }) => /\p{L}['\u02BC]\p{L}/u.test(text))).toEqual([]);
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

  it('names the office with one word per language', () => {
    // Lower case only: "Управління захисту персональних даних" is the data-protection authority's name, "Управление звонком" the call's controls.
    const otherWords: Record<string, RegExp> = { pl: /(?<!\p{L})biur\p{L}*/iu, uk: /(?<!\p{L})(офіс|управлінн)\p{L}*/u, ru: /(?<!\p{L})(офис|управлени)\p{L}*/u };
    for (const [language, other] of Object.entries(otherWords)) expect(strings(language).filter(({ text }) => other.test(text))).toEqual([]);
  });
});

describe('grammatical case', () => {
  it('puts the conversation in the accusative after the offer buttons’ "Accept" and "Decline", as after "Take"', () => {
    for (const language of ['pl', 'uk', 'ru']) {
      const text = (key: string) => strings(language).find(({ where }) => where === `${language}/console.json.${key}`)!.text;
      expect(text('routing.offer.context')).toBe(text('queue.takeContext'));
    }
  });
});
