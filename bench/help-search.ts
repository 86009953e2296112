/**
 * The knowledge base's search at size: 2,000 articles in each of the four languages (8,000
 * published versions of generated text with inflected words), then queries as visitors type them
 * (whole words in other forms, several words, a word still being typed), timed around
 * HelpService.search — folding, stemming and the engine's full-text query — on each database.
 */
import { loadConfig } from '../src/server/config';
import { migrateToLatest, openDatabase } from '../src/server/db/database';
import { loadDefaultDesk } from '../src/server/desks/service';
import { HelpRepository } from '../src/server/help/repository';
import { HelpService } from '../src/server/help/service';
import { moduleMigrations } from '../src/server/modules';
import { systemClock } from '../src/server/clock';
import { seededRandom } from './random';
import type { UiLanguage } from '../src/shared/languages';
import type { HelpArticleInput } from '../src/shared/protocol';

export interface HelpSearchResult {
  articles: number;
  queries: number;
  p50: number;
  p95: number;
}

/** The corpus: articles in the four staff languages. */
const BENCH_LANGUAGES = ['pl', 'en', 'uk', 'ru'] as const satisfies readonly UiLanguage[];
type BenchLanguage = (typeof BENCH_LANGUAGES)[number];

/** Word stems and endings per language: enough to give the index inflected forms to fold together. */
const VOCABULARY: Record<BenchLanguage, { stems: string[]; endings: string[] }> = {
  pl: {
    stems: ['zezwoleni', 'prac', 'pobyt', 'kart', 'wniosk', 'dokument', 'urzęd', 'decyzj', 'odwołani', 'termin', 'opłat', 'paszport', 'wiz', 'obywatelstw', 'rodzin', 'student', 'umow', 'pracodawc', 'zaświadczeni', 'meldunk', 'sprawy', 'status', 'spotkani', 'pełnomocnik', 'tłumaczeni', 'zdjęci', 'odcisk', 'ubezpieczeni', 'dochod', 'mieszkani'],
    endings: ['', 'a', 'e', 'y', 'ie', 'ę', 'ą', 'om', 'ami', 'ach', 'u'],
  },
  en: {
    stems: ['permit', 'work', 'residence', 'card', 'application', 'document', 'office', 'decision', 'appeal', 'deadline', 'fee', 'passport', 'visa', 'citizen', 'family', 'student', 'contract', 'employer', 'certificate', 'registration', 'case', 'status', 'appointment', 'proxy', 'translation', 'photo', 'fingerprint', 'insurance', 'income', 'housing'],
    endings: ['', 's', 'ed', 'ing', 'er'],
  },
  uk: {
    stems: ['дозвол', 'робот', 'перебуванн', 'карт', 'заяв', 'документ', 'установ', 'рішенн', 'оскарженн', 'термін', 'оплат', 'паспорт', 'віз', 'громадянств', 'сім', 'студент', 'договор', 'роботодав', 'довідк', 'реєстраці', 'справ', 'статус', 'зустріч', 'представник', 'переклад', 'фот', 'відбит', 'страхуванн', 'доход', 'житл'],
    endings: ['', 'а', 'у', 'і', 'ом', 'ами', 'ах', 'ю', 'ї'],
  },
  ru: {
    stems: ['разрешени', 'работ', 'пребывани', 'карт', 'заявлени', 'документ', 'учреждени', 'решени', 'обжаловани', 'срок', 'оплат', 'паспорт', 'виз', 'гражданств', 'семь', 'студент', 'договор', 'работодател', 'справк', 'регистраци', 'дел', 'статус', 'встреч', 'представител', 'перевод', 'фото', 'отпечатк', 'страховани', 'доход', 'жиль'],
    endings: ['', 'а', 'е', 'я', 'ю', 'ем', 'ами', 'ах', 'ой', 'ы'],
  },
};

const TITLE_WORDS = [3, 7] as const;
const BODY_WORDS = 90;
const QUERIES_PER_LANGUAGE = 250;

/** Syllables per alphabet for the long tail of rarer words a real knowledge base has. */
const SYLLABLES = { latin: ['ka', 'lo', 'mer', 'st', 'pi', 'wan', 'dor', 'ze', 'bru', 'tis', 'gol', 'fen'], cyrillic: ['ка', 'ло', 'мер', 'ст', 'пі', 'ван', 'дор', 'зе', 'бру', 'тис', 'гол', 'фен'] };
const TAIL_WORDS = 2_000;

/**
 * Words of a language as a knowledge base has them: the domain's common stems first, then a long
 * tail, drawn with Zipf's law (the n-th word about 1/n as often as the first), each inflected.
 */
function wordSource(language: BenchLanguage, random: () => number): () => string {
  const { stems, endings } = VOCABULARY[language];
  const syllables = language === 'pl' || language === 'en' ? SYLLABLES.latin : SYLLABLES.cyrillic;
  const tail = Array.from({ length: TAIL_WORDS }, (_, index) => {
    const parts = [index % 12, Math.floor(index / 12) % 12, Math.floor(index / 144) % 12, 3 + (index % 7)];
    return parts.map((part) => syllables[part % syllables.length]).join('');
  });
  const words = [...stems, ...tail];
  const weights = words.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, weight, index) => (cumulative[index] = sum + weight / total), 0);
  return () => {
    const draw = random();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < draw) low = middle + 1;
      else high = middle;
    }
    return words[low]! + endings[Math.floor(random() * endings.length)]!;
  };
}

function corpus(articles: number, random: () => number): HelpArticleInput[] {
  const sources = Object.fromEntries(BENCH_LANGUAGES.map((language) => [language, wordSource(language, random)])) as Record<BenchLanguage, () => string>;
  const words = (language: BenchLanguage, n: number) => Array.from({ length: n }, () => sources[language]()).join(' ');
  return Array.from({ length: articles }, (_, index) => ({
    topic: 'other',
    slug: `article-${index}`,
    versions: BENCH_LANGUAGES.map((language) => ({
      language,
      title: words(language, TITLE_WORDS[0] + Math.floor(random() * (TITLE_WORDS[1] - TITLE_WORDS[0]))),
      body: words(language, BODY_WORDS),
      status: 'published' as const,
      reviewer: null,
      reviewedOn: null,
    })),
  }));
}

/** A third each: one word, three words, a word still being typed (3 to 5 letters). */
function queries(random: () => number): { q: string; language: UiLanguage }[] {
  return BENCH_LANGUAGES.flatMap((language) => {
    const word = wordSource(language, random);
    return Array.from({ length: QUERIES_PER_LANGUAGE }, (_, index) => {
      const kind = index % 3;
      const q = kind === 0 ? word() : kind === 1 ? `${word()} ${word()} ${word()}` : word().slice(0, 3 + Math.floor(random() * 3));
      return { q, language };
    });
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function measureHelpSearch(databaseUrl: string, articles: number, progress: (text: string) => void): Promise<HelpSearchResult> {
  const database = openDatabase(databaseUrl);
  try {
    await migrateToLatest(database.db, moduleMigrations);
    const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl });
    const desk = await loadDefaultDesk(database, config, systemClock);
    const help = new HelpService(new HelpRepository(database.db, database.engine), { record: async () => {} }, systemClock, desk.id);
    const random = seededRandom(14);
    progress(`help: storing ${articles} articles × ${BENCH_LANGUAGES.length} languages`);
    await help.seedExamples(corpus(articles, random));
    const asked = queries(random);
    for (const query of asked.slice(0, 40)) await help.search({ ...query, limit: 3 }); // warm-up
    const times: number[] = [];
    for (const query of asked) {
      const start = performance.now();
      await help.search({ ...query, limit: 3 });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { articles, queries: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
  } finally {
    await database.close();
  }
}
