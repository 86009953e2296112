/**
 * The locale files stay in step: every language has the namespace files it needs (the visitor's in
 * every language, the staff apps' in the staff languages) with the same keys, no empty strings and
 * the same {{placeholders}}; and every code the program shows to people (error codes, topics, system
 * events, close outcomes) has its translation. The namespaces are read from the directory, so a new
 * namespace file is covered without touching this test; the languages are read from
 * `languages.json`, so a new language is too, and "is complete" lists what it still lacks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS } from '../../src/server/config';
import { ERROR_CODES } from '../../src/shared/errors';
import { isStaffLanguage, languageMeta, STAFF_LANGUAGES, UI_LANGUAGES, type UiLanguage } from '../../src/shared/languages';
import { NAMESPACES, VISITOR_NAMESPACES } from '../../src/shared/locales';
import { CLOSE_OUTCOMES, SYSTEM_EVENTS } from '../../src/shared/protocol';

const LOCALES_DIR = fileURLToPath(new URL('../../src/shared/locales/', import.meta.url));

const namespaceFiles = (language: string) =>
  readdirSync(join(LOCALES_DIR, language))
    .filter((name) => name.endsWith('.json'))
    .sort();

/** Every namespace file of any language: a file missing in one language is reported, not skipped. */
const FILES = [...new Set(UI_LANGUAGES.flatMap(namespaceFiles))].sort();
const VISITOR_FILES = VISITOR_NAMESPACES.map((namespace) => `${namespace}.json`);

/** The namespace files a language must have: the visitor's always, all of them for a staff language. */
const filesOf = (language: UiLanguage) => (isStaffLanguage(language) ? FILES : FILES.filter((file) => VISITOR_FILES.includes(file)));
/** The languages that must have `file`. */
const languagesOf = (file: string) => (VISITOR_FILES.includes(file) ? UI_LANGUAGES : STAFF_LANGUAGES);

function readLocale(language: UiLanguage, file: string): unknown {
  const path = join(LOCALES_DIR, language, file);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined; // missing or not JSON: reported by the tests below
  }
}

/** Leaves of a locale tree by dotted path, e.g. `errors.bad_json`. */
function flatten(tree: unknown, prefix = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return leaves;
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [leafPath, leaf] of flatten(value, path)) leaves.set(leafPath, leaf);
    } else {
      leaves.set(path, value);
    }
  }
  return leaves;
}

/**
 * i18next writes plurals as `key_one`, `key_few`, `key_other`…, and each language needs its own
 * set of forms (CLDR). Keys are compared by their plural base; the forms are checked separately.
 */
const PLURAL_SUFFIX = /^(.*)_(zero|one|two|few|many|other)$/;

interface Entry {
  /** The key without its plural suffix. */
  key: string;
  /** The plural forms present, if the key is a plural. */
  forms: Set<string> | null;
  values: unknown[];
}

function entries(leaves: Map<string, unknown>): Map<string, Entry> {
  const result = new Map<string, Entry>();
  for (const [path, value] of leaves) {
    const plural = PLURAL_SUFFIX.exec(path);
    const isPlural = plural !== null && leaves.has(`${plural[1]}_other`);
    const key = isPlural ? plural[1]! : path;
    const entry = result.get(key) ?? { key, forms: isPlural ? new Set<string>() : null, values: [] };
    if (isPlural) entry.forms?.add(plural[2]!);
    entry.values.push(value);
    result.set(key, entry);
  }
  return result;
}

/** Placeholder names in a value, e.g. `{{name}}` and `{{count, number}}` give name, count. */
function placeholders(entry: Entry): string[] {
  const names = new Set<string>();
  for (const value of entry.values) {
    if (typeof value !== 'string') continue;
    for (const match of value.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)) names.add(match[1]!);
  }
  // A plural's forms may leave the count out ("one minute"), so count is not compared.
  if (entry.forms) names.delete('count');
  return [...names].sort();
}

const localeEntries = (language: UiLanguage, file: string) => entries(flatten(readLocale(language, file)));

describe('locale files', () => {
  it('exist for exactly the interface languages', () => {
    const directories = readdirSync(LOCALES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(directories.sort()).toEqual([...UI_LANGUAGES].sort());
  });

  it('have the namespace files each language needs, and no staff files in a visitor language', () => {
    const missing = UI_LANGUAGES.flatMap((language) =>
      filesOf(language).filter((file) => !namespaceFiles(language).includes(file)).map((file) => `${language}/${file}`),
    );
    const stray = UI_LANGUAGES.flatMap((language) =>
      namespaceFiles(language).filter((file) => !filesOf(language).includes(file)).map((file) => `${language}/${file}`),
    );
    expect({ missing, stray }, 'namespace files').toEqual({ missing: [], stray: [] });
  });

  it('are described in languages.json: a name in itself, a direction, a review note', () => {
    for (const language of UI_LANGUAGES) {
      const meta = languageMeta(language);
      expect(meta.name, language).toMatch(/\S/);
      expect([undefined, 'rtl'], language).toContain(meta.dir);
      expect([undefined, true], language).toContain(meta.staff);
      expect(meta.review === undefined || meta.review.trim() !== '', language).toBe(true);
    }
  });

  it('cover the staff apps in Polish, English, Ukrainian and Russian at least', () => {
    expect(STAFF_LANGUAGES).toEqual(expect.arrayContaining(['pl', 'en', 'uk', 'ru']));
  });

  it('are the namespaces the apps load (NAMESPACES in src/shared/locales.ts)', () => {
    expect(FILES).toEqual(NAMESPACES.map((namespace) => `${namespace}.json`).sort());
  });

  describe.each(FILES)('%s', (file) => {
    it('is a JSON object in every language', () => {
      const invalid = languagesOf(file).filter((language) => {
        const tree = readLocale(language, file);
        return tree === null || typeof tree !== 'object' || Array.isArray(tree);
      }).map((language) => `${language}/${file}`);
      expect(invalid, 'unreadable locale files').toEqual([]);
    });

    it('has the same keys in every language', () => {
      const byLanguage = new Map(languagesOf(file).map((language) => [language, localeEntries(language, file)]));
      const allKeys = new Set([...byLanguage.values()].flatMap((found) => [...found.keys()]));
      const missing = languagesOf(file).flatMap((language) =>
        [...allKeys].filter((key) => !byLanguage.get(language)!.has(key)).map((key) => `${language}/${file}: missing "${key}"`),
      );
      expect(missing, 'keys missing').toEqual([]);
    });

    it('has every plural form each language needs', () => {
      const problems = languagesOf(file).flatMap((language) => {
        const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        return [...localeEntries(language, file).values()].flatMap((entry) =>
          entry.forms
            ? needed.filter((form) => !entry.forms!.has(form)).map((form) => `${language}/${file}: missing "${entry.key}_${form}"`)
            : [],
        );
      });
      expect(problems, 'plural forms missing').toEqual([]);
    });

    it('has no empty or non-text values', () => {
      const problems = languagesOf(file).flatMap((language) =>
        [...flatten(readLocale(language, file))]
          .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
          .map(([key, value]) => `${language}/${file}: "${key}" is ${JSON.stringify(value)}`),
      );
      expect(problems, 'empty values').toEqual([]);
    });

    it('uses the same {{placeholders}} in every language', () => {
      const byLanguage = languagesOf(file).map((language) => [language, localeEntries(language, file)] as const);
      const allKeys = new Set(byLanguage.flatMap(([, found]) => [...found.keys()]));
      const problems: string[] = [];
      for (const key of allKeys) {
        const present = byLanguage.filter(([, found]) => found.has(key));
        const [referenceLanguage, reference] = present[0]!;
        const expected = placeholders(reference.get(key)!).join(', ');
        for (const [language, found] of present.slice(1)) {
          const actual = placeholders(found.get(key)!).join(', ');
          if (actual !== expected) {
            problems.push(`${language}/${file}: "${key}" has {{${actual}}}, ${referenceLanguage} has {{${expected}}}`);
          }
        }
      }
      expect(problems, 'placeholders differ').toEqual([]);
    });
  });
});

describe('common.json translates every code the program shows', () => {
  const required = [
    ...ERROR_CODES.map((code) => `errors.${code}`),
    ...DEFAULT_TOPICS.map((topic) => `topics.${topic}`),
    ...SYSTEM_EVENTS.map((event) => `system.${event}`),
    ...CLOSE_OUTCOMES.map((outcome) => `outcomes.${outcome}`),
  ];

  it.each(UI_LANGUAGES)('%s', (language) => {
    const leaves = flatten(readLocale(language, 'common.json'));
    const missing = required
      .filter((key) => typeof leaves.get(key) !== 'string')
      .map((key) => `${language}/common.json: missing "${key}"`);
    expect(missing, 'translations missing').toEqual([]);
  });
});

/** One case per language: what it still lacks, against the union of every language's keys. */
describe('each language is complete', () => {
  const keysOf = (language: UiLanguage, file: string) => [...localeEntries(language, file).keys()];
  it.each(UI_LANGUAGES)('%s', (language) => {
    const missing = filesOf(language).flatMap((file) => {
      const expected = new Set(languagesOf(file).flatMap((other) => keysOf(other, file)));
      const present = new Set(keysOf(language, file));
      return [...expected].filter((key) => !present.has(key)).map((key) => `${file}: ${key}`);
    });
    expect(missing, `${language} lacks`).toEqual([]);
  });
});
