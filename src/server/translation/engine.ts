/**
 * The translation engine behind a provider interface, with one adapter per HTTP API an office can
 * host itself: Apertium APY and LibreTranslate. Languages are ISO 639-1 codes here (`es`); each
 * adapter maps them to what its engine names them.
 */

export interface LanguagePair {
  from: string;
  to: string;
}

export interface TranslationEngine {
  /** The name the configuration chose, for logs and the status route. */
  readonly name: string;
  translate(text: string, pair: LanguagePair, signal: AbortSignal): Promise<string>;
  /** Every pair the engine translates, in its direction. */
  pairs(signal: AbortSignal): Promise<LanguagePair[]>;
}

export class TranslationEngineError extends Error {
  override name = 'TranslationEngineError';
}

/** Apertium names languages by ISO 639-3; only those with a two-letter code are offered. */
const ISO_639_3: Record<string, string> = {
  ar: 'ara', be: 'bel', ca: 'cat', cs: 'ces', de: 'deu', en: 'eng', es: 'spa', fr: 'fra', it: 'ita', ka: 'kat',
  kk: 'kaz', nl: 'nld', pl: 'pol', pt: 'por', ro: 'ron', ru: 'rus', tr: 'tur', uk: 'ukr', uz: 'uzb', vi: 'vie',
};
const ISO_639_1 = Object.fromEntries(Object.entries(ISO_639_3).map(([short, long]) => [long, short]));

async function json(response: Response): Promise<unknown> {
  const body: unknown = await response.json().catch(() => {
    throw new TranslationEngineError(`engine answered ${response.status} without JSON`);
  });
  return body;
}

/**
 * Apertium APY (https://wiki.apertium.org/wiki/Apertium-apy): `POST /translate` with a form body
 * `langpair=eng|spa&q=…` answers `{responseData: {translatedText}, responseStatus}`; `/listPairs`
 * lists `{sourceLanguage, targetLanguage}`. `markUnknown=no`: a word it does not know is passed
 * through as written instead of being marked with `*`.
 */
export function apertiumEngine(baseUrl: string): TranslationEngine {
  const url = baseUrl.replace(/\/$/, '');
  return {
    name: 'apertium',
    async translate(text, pair, signal) {
      const from = ISO_639_3[pair.from];
      const to = ISO_639_3[pair.to];
      if (!from || !to) throw new TranslationEngineError(`no Apertium name for ${pair.from} or ${pair.to}`);
      const response = await fetch(`${url}/translate`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ langpair: `${from}|${to}`, q: text, markUnknown: 'no' }),
        signal,
      });
      const body = (await json(response)) as { responseData?: { translatedText?: unknown }; responseStatus?: number; responseDetails?: unknown };
      const translated = body.responseData?.translatedText;
      if (!response.ok || body.responseStatus !== 200 || typeof translated !== 'string') {
        throw new TranslationEngineError(`Apertium refused ${from}|${to}: ${response.status} ${String(body.responseDetails ?? '')}`);
      }
      return translated;
    },
    async pairs(signal) {
      const response = await fetch(`${url}/listPairs`, { signal });
      const body = (await json(response)) as { responseData?: { sourceLanguage: string; targetLanguage: string }[] };
      if (!response.ok || !Array.isArray(body.responseData)) throw new TranslationEngineError(`Apertium /listPairs answered ${response.status}`);
      return body.responseData.flatMap(({ sourceLanguage, targetLanguage }) => {
        const from = ISO_639_1[sourceLanguage];
        const to = ISO_639_1[targetLanguage];
        return from && to ? [{ from, to }] : [];
      });
    },
  };
}

/**
 * LibreTranslate (https://docs.libretranslate.com, "API usage"): `POST /translate` with JSON
 * `{q, source, target, format, api_key?}` answers `{translatedText}` or, on failure, a non-2xx
 * status with `{error}`; `GET /languages` lists `{code, name, targets}`. Its codes are ISO 639-1.
 */
export function libreTranslateEngine(baseUrl: string, apiKey: string | undefined): TranslationEngine {
  const url = baseUrl.replace(/\/$/, '');
  return {
    name: 'libretranslate',
    async translate(text, pair, signal) {
      const response = await fetch(`${url}/translate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ q: text, source: pair.from, target: pair.to, format: 'text', ...(apiKey && { api_key: apiKey }) }),
        signal,
      });
      const body = (await json(response)) as { translatedText?: unknown; error?: unknown };
      if (!response.ok || typeof body.translatedText !== 'string') {
        throw new TranslationEngineError(`LibreTranslate refused ${pair.from}→${pair.to}: ${response.status} ${String(body.error ?? '')}`);
      }
      return body.translatedText;
    },
    async pairs(signal) {
      const response = await fetch(`${url}/languages`, { signal });
      const body = await json(response);
      if (!response.ok || !Array.isArray(body)) throw new TranslationEngineError(`LibreTranslate /languages answered ${response.status}`);
      return (body as { code: string; targets?: string[] }[]).flatMap(({ code, targets }) => (targets ?? []).map((to) => ({ from: code, to })));
    },
  };
}
