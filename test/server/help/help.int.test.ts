import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, HelpArticle, HelpArticleInput, HelpArticleList, HelpMarkdownFiles, HelpSearchResult } from '../../../src/shared/protocol';
import { serverForSuite, signedInStaff, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const published = (language: 'pl' | 'en' | 'uk' | 'ru', title: string, body: string) => ({ language, title, body, status: 'published' as const, reviewer: null, reviewedOn: null });

/** The corpus both databases must rank alike: title matches above text matches, drafts never. */
const CORPUS: HelpArticleInput[] = [
  { topic: 'work', slug: 'work-permit', versions: [published('pl', 'Zezwolenie na pracę', 'Kto potrzebuje zezwolenia i jak je uzyskać.'), published('uk', 'Дозвіл на роботу', 'Хто потребує дозволу на роботу.')] },
  { topic: 'work', slug: 'job-ends', versions: [published('pl', 'Utrata pracy', 'Co zrobić, gdy kończy się praca, a masz zezwolenie na pobyt.')] },
  { topic: 'temporary_residence', slug: 'residence-documents', versions: [published('pl', 'Dokumenty do zezwolenia na pobyt czasowy', 'Lista dokumentów: paszport, zdjęcie, umowa o pracę.')] },
  { topic: 'filing', slug: 'fees', versions: [published('pl', 'Opłaty skarbowe', 'Opłata za zezwolenie wynosi 440 zł.'), { ...published('en', 'Fees', 'The fee for a permit.'), status: 'draft' }] },
  { topic: 'work', slug: 'draft-only', versions: [{ ...published('pl', 'Zezwolenie na pracę sezonową', 'Projekt.'), status: 'draft' }] },
  { topic: 'legal_stay', slug: 'travel', versions: [published('ru', 'Поездки во время рассмотрения дела', 'Можно ли выезжать, пока дело о разрешении на пребывание рассматривается.')] },
];

describe.each(databaseTargets)('the knowledge base on $engine', (target) => {
  const suiteServer = serverForSuite(target, { LOGINS_PER_MINUTE: '1000' });
  let server: TestServer;
  let admin: { cookie: string };
  const created: HelpArticle[] = [];

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    server.app.server.inject({ method, url, headers: { cookie: admin.cookie }, ...(payload && { payload }) });
  const search = async (q: string, language = 'pl', extra = '') =>
    ((await server.app.server.inject({ method: 'GET', url: `/api/help/search?q=${encodeURIComponent(q)}&language=${language}${extra}` })).json() as HelpSearchResult).articles.map(
      (article) => article.title,
    );

  beforeAll(async () => {
    server = suiteServer();
    admin = await signedInStaff(server, { role: 'admin' });
    // A fresh desk starts with the starter set: marked as examples, then removed for this corpus.
    const starter = ((await call('GET', '/api/admin/help/articles')).json() as HelpArticleList).articles;
    expect(starter.map((article) => [article.slug, article.example, article.versions.length])).toContainEqual(['how-to-book-a-call', true, 4]);
    for (const article of starter) expect((await call('DELETE', `/api/admin/help/articles/${article.id}`)).statusCode).toBe(204);
    for (const article of CORPUS) {
      const response = await call('POST', '/api/admin/help/articles', article);
      expect(response.statusCode, response.body).toBe(201);
      created.push(response.json() as HelpArticle);
    }
  });

  it('finds other forms of a word and ignores diacritics, title matches first', async () => {
    expect(await search('zezwolenia')).toEqual(['Zezwolenie na pracę', 'Dokumenty do zezwolenia na pobyt czasowy', 'Utrata pracy']);
    // Ranked by how many of the query's words the title has: 3, then 2 ("zezwolenia", "na"), then 1.
    expect(await search('zezwolenie na prace')).toEqual(['Zezwolenie na pracę', 'Dokumenty do zezwolenia na pobyt czasowy', 'Utrata pracy']);
    expect(await search('ZEZWOLENIE PRACĘ', 'pl', '&limit=10')).toEqual(['Zezwolenie na pracę', 'Utrata pracy', 'Dokumenty do zezwolenia na pobyt czasowy', 'Opłaty skarbowe']);
    expect(await search('дозволи роботу', 'uk')).toEqual(['Дозвіл на роботу']);
    expect(await search('разрешения выезжать', 'ru')).toEqual(['Поездки во время рассмотрения дела']);
  });

  it('fills up with articles holding some of the longer words of a question when too few hold all', async () => {
    expect(await search('Jak zdobyć zezwolenie na pracę w Polsce?')).toEqual(['Zezwolenie na pracę', 'Utrata pracy', 'Dokumenty do zezwolenia na pobyt czasowy']);
  });

  it('leaves drafts, other languages and other topics out', async () => {
    expect(await search('sezonowa')).toEqual([]);
    expect(await search('fee', 'en')).toEqual([]);
    expect(await search('zezwolenie', 'pl', '&topic=filing')).toEqual(['Opłaty skarbowe']);
    expect(await search('!!! ---')).toEqual([]);
  });

  it('returns the ranking the other database returns (same corpus, same order)', async () => {
    // Written down once: both engines must produce exactly this list.
    expect(await search('zezw', 'pl', '&limit=10')).toEqual([
      'Zezwolenie na pracę',
      'Dokumenty do zezwolenia na pobyt czasowy',
      'Utrata pracy',
      'Opłaty skarbowe',
    ]);
  });

  it('serves an article to show in the visitor’s chat: title, topic, sanitised body, in the default language when missing', async () => {
    const fallback = await server.app.server.inject({ method: 'GET', url: '/api/help/articles/work/job-ends?language=en' });
    expect(fallback.statusCode).toBe(200);
    expect(fallback.json()).toMatchObject({ topic: 'work', slug: 'job-ends', language: 'pl', fallback: true, url: '/help/work/job-ends?lang=pl' });
    expect((fallback.json() as { html: string }).html).toContain('<p>');
    for (const url of ['/api/help/articles/work/draft-only?language=pl', '/api/help/articles/legal_stay/job-ends?language=pl', '/api/help/articles/work/Bad_Slug?language=pl']) {
      expect((await server.app.server.inject({ method: 'GET', url })).statusCode, url).toBe(url.includes('Bad_Slug') ? 400 : 404);
    }
  });

  it('serves the help pages without JavaScript, with a fallback notice and counted feedback', async () => {
    const index = await server.app.server.inject({ method: 'GET', url: '/help?lang=uk' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<html lang="uk">');
    expect(index.body).toContain('Дозвіл на роботу');
    expect(index.body).not.toContain('<script');
    const fallback = await server.app.server.inject({ method: 'GET', url: '/help/work/job-ends?lang=en' });
    expect(fallback.body).toContain('not available in your language');
    expect(fallback.body).toContain('<article lang="pl">');
    const searched = await server.app.server.inject({ method: 'GET', url: '/help?lang=pl&q=zezwolenia' });
    expect(searched.body).toContain('Wyniki dla');
    expect(searched.body).toContain('/help/work/work-permit?lang=pl');
    expect((await server.app.server.inject({ method: 'GET', url: '/help/work/draft-only?lang=pl' })).statusCode).toBe(404);

    const vote = (helpful: string) =>
      server.app.server.inject({ method: 'POST', url: '/help/work/work-permit/feedback', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `language=uk&helpful=${helpful}` });
    const answer = await vote('yes');
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('/help/work/work-permit?lang=uk&thanks=1');
    await vote('yes');
    await vote('no');
    const day = server.clock.now().toISOString().slice(0, 10);
    expect(await server.app.help.helpfulnessCounts({ from: day, to: day })).toEqual([{ articleId: created[0]!.id, language: 'uk', day, helpful: 2, notHelpful: 1 }]);
  });

  it('flags a version for review when another language changed later, and audits the change', async () => {
    const article = created[0]!;
    server.clock.advance(60_000);
    const versions = article.versions.map(({ updatedAt: _u, needsReview: _n, ...version }) =>
      version.language === 'pl' ? { ...version, body: 'Nowa treść o zezwoleniu.' } : version,
    );
    const updated = (await call('PUT', `/api/admin/help/articles/${article.id}`, { topic: article.topic, slug: article.slug, versions })).json() as HelpArticle;
    expect(updated.versions.map((version) => [version.language, version.needsReview])).toEqual([
      ['pl', false],
      ['uk', true],
    ]);
    const audit = (await call('GET', '/api/admin/audit?action=help.changed')).json() as { entries: AuditEntry[] };
    expect(audit.entries[0]).toMatchObject({ action: 'help.changed', target: { type: 'help_article', id: article.id }, detail: { change: 'updated' } });
  });

  it('exports every version as Markdown with front matter and imports it back, keeping versions the files do not name', async () => {
    const exported = (await call('GET', '/api/admin/help/export')).json() as HelpMarkdownFiles;
    const file = exported.files.find((candidate) => candidate.name === 'work/work-permit.uk.md')!;
    expect(file.content).toMatch(/^---\ntopic: work\nslug: work-permit\nlanguage: uk\ntitle: Дозвіл на роботу\nstatus: published\n/);
    const edited = { files: [{ name: file.name, content: file.content.replace('Хто потребує', 'Кому потрібен') }, { name: 'x.md', content: '---\ntopic: work\nslug: new-one\nlanguage: en\ntitle: New\nstatus: draft\n---\nText' }] };
    expect((await call('POST', '/api/admin/help/import', edited)).json()).toEqual({ created: 1, updated: 1 });
    const articles = ((await call('GET', '/api/admin/help/articles')).json() as HelpArticleList).articles;
    expect(articles.find((article) => article.slug === 'work-permit')!.versions.map((version) => [version.language, version.body])).toEqual([
      ['pl', 'Nowa treść o zezwoleniu.'],
      ['uk', 'Кому потрібен дозволу на роботу.'],
    ]);
    expect((await call('POST', '/api/admin/help/import', { files: [{ name: 'bad.md', content: 'no front matter' }] })).json()).toMatchObject({ code: 'help_import_invalid' });
  });
});
