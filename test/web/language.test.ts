import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UI_LANGUAGES } from '../../src/shared/languages';
import type { LocaleTree } from '../../src/shared/locales';
import { CONVERSATION_STATUSES } from '../../src/shared/protocol';
import { changeLanguage, initI18n, translate } from '../../src/web/common/i18n';
import { pickLanguage } from '../../src/web/visitor/language';

describe('pickLanguage', () => {
  const desk = { offered: ['pl', 'en', 'uk'] as const, fallback: 'pl' as const };

  it('follows ?lang= when the desk offers it', () => {
    expect(pickLanguage({ ...desk, query: 'uk', preferred: ['en-GB'] })).toBe('uk');
  });

  it('falls back to the browser languages, in order, by base language', () => {
    expect(pickLanguage({ ...desk, query: 'ru', preferred: ['ru-RU', 'uk-UA', 'en'] })).toBe('uk');
    expect(pickLanguage({ ...desk, query: null, preferred: ['de-DE', 'en-US'] })).toBe('en');
  });

  it('uses the desk default when nothing matches', () => {
    expect(pickLanguage({ ...desk, query: 'xx', preferred: ['de', 'fr'] })).toBe('pl');
    expect(pickLanguage({ ...desk, query: null, preferred: [] })).toBe('pl');
  });
});

describe('i18n', () => {
  const root = { lang: '', dir: '' };

  beforeAll(async () => {
    vi.stubGlobal('document', { documentElement: root });
    const files = import.meta.glob<LocaleTree>('../../src/shared/locales/*/{common,visitor}.json', { import: 'default' });
    await initI18n('uk', { namespaces: ['common', 'visitor'], files });
  });

  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it('loads the chosen language and marks the document with it', () => {
    expect(root).toEqual({ lang: 'uk', dir: 'ltr' });
    expect(translate('common:weekdays.1')).toBe('понеділок');
  });

  it('fills in placeholders and leaves unknown keys visible', () => {
    expect(translate('visitor:conversation.active', { name: 'Anna' })).toBe('Вас консультує Anna.');
    expect(translate('visitor:no.such.key')).toBe('visitor:no.such.key');
  });

  it('switches language without a reload', async () => {
    await changeLanguage('pl');
    expect(translate('common:composer.send')).toBe('Wyślij');
    expect(root.lang).toBe('pl');
  });
});

/** Every visitor key the code asks for exists in every language. */
describe('visitor strings', () => {
  const webDir = join(import.meta.dirname, '../../src/web/visitor');
  const localesDir = join(import.meta.dirname, '../../src/shared/locales');
  const source = readdirSync(webDir)
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => readFileSync(join(webDir, file), 'utf8'))
    .join('\n');
  const literalKeys = [...source.matchAll(/'visitor:([\w.]+)'/g)].map((match) => match[1]!);
  const familyKeys = [
    ...['controller', 'purpose', 'legalBasis', 'data', 'storage', 'retention', 'rights', 'voluntary'].map(
      (point) => `privacy.points.${point}`,
    ),
    ...CONVERSATION_STATUSES.map((status) => `conversation.${status}`),
    ...['connecting', 'open', 'reconnecting', 'closed'].map((state) => `connection.${state}`),
  ];

  const lookup = (tree: LocaleTree, path: string) => {
    let node: string | LocaleTree | undefined = tree;
    for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return node;
  };

  it.each(UI_LANGUAGES)('%s has them all', (language) => {
    const strings = JSON.parse(readFileSync(join(localesDir, language, 'visitor.json'), 'utf8')) as LocaleTree;
    const missing = [...literalKeys, ...familyKeys].filter((key) => typeof lookup(strings, key) !== 'string');
    expect(literalKeys.length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });
});
