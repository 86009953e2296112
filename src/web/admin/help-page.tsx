import { useEffect, useState } from 'preact/hooks';
import type { UiLanguage } from '../../shared/languages';
import type { HelpArticle, HelpArticleInput, HelpVersionInput, Topic } from '../../shared/protocol';
import { errorCodeOf, saveFile } from '../common/api';
import { nativeLanguageName } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { topicName } from '../common/topic-name';
import { helpApi, topicApi } from './admin-api';
import { ErrorMessage, Loading, PageHeading, type PageProps, useDeskLanguages, useRequestError } from './pages';

/** The knowledge base: articles with their language versions side by side (src/server/help). */
export function HelpPage({ announce, focusHeading }: PageProps) {
  const t = useT();
  const [articles, setArticles] = useState<HelpArticle[] | null>(null);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [editing, setEditing] = useState<HelpArticle | 'new' | null>(null);
  const { error, setError, run } = useRequestError();

  const reload = () => helpApi.list().then(setArticles, (failure: unknown) => setError(errorCodeOf(failure)));
  useEffect(() => {
    void reload();
    topicApi.list().then(setTopics, () => setTopics([]));
  }, []);

  const save = async (input: HelpArticleInput) => {
    const saved = editing === 'new' || editing === null ? await helpApi.create(input) : await helpApi.update(editing.id, input);
    await reload();
    setEditing(null);
    announce(t('admin:help.saved', { slug: saved.slug }));
  };

  const remove = (article: HelpArticle) =>
    run(async () => {
      await helpApi.remove(article.id);
      await reload();
      announce(t('admin:help.deleted', { slug: article.slug }));
    });

  const exportAll = () =>
    run(async () => {
      const bundle = await helpApi.exportMarkdown();
      saveFile(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }), 'help-articles.json');
    });

  const importFiles = (files: FileList | null) =>
    run(async () => {
      const read = await Promise.all([...(files ?? [])].map(async (file) => ({ name: file.name, content: await file.text() })));
      const bundle = read.length === 1 && read[0]!.name.endsWith('.json') ? JSON.parse(read[0]!.content) : { files: read };
      const result = await helpApi.importMarkdown(bundle);
      await reload();
      announce(t('admin:help.imported', result));
    });

  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.help')}</PageHeading>
      <p class="hint">{t('admin:help.intro')}</p>
      <ErrorMessage code={error} />
      <div class="button-row">
        <button type="button" onClick={() => setEditing('new')} data-testid="help-new">
          {t('admin:help.new')}
        </button>
        <button type="button" class="secondary" onClick={() => void exportAll()}>
          {t('admin:help.export')}
        </button>
        <label class="button secondary" for="help-import">
          {t('admin:help.import')}
        </label>
        <input id="help-import" class="visually-hidden" type="file" multiple accept=".md,.json" onChange={(event) => void importFiles(event.currentTarget.files)} />
      </div>
      {editing && (
        <section class="panel admin-section" aria-labelledby="help-editor-heading">
          <h2 id="help-editor-heading">{editing === 'new' ? t('admin:help.new') : editing.slug}</h2>
          <HelpEditor key={editing === 'new' ? 'new' : editing.id} article={editing === 'new' ? null : editing} topics={topics} onSave={save} onCancel={() => setEditing(null)} />
        </section>
      )}
      {articles === null && !error && <Loading />}
      {articles && (
        <ul class="plain-list" data-testid="help-list">
          {articles.map((article) => (
            <li key={article.id} class="panel admin-section">
              <h2>
                {article.versions[0]?.title ?? article.slug} {article.example && <span class="muted">({t('admin:help.example')})</span>}
              </h2>
              <p class="muted">/help/{article.topic}/{article.slug}</p>
              <ul class="help-versions">
                {article.versions.map((version) => (
                  <li key={version.language}>
                    {nativeLanguageName(version.language)}: {t(`admin:help.status.${version.status}`)}
                    {version.needsReview && <strong> · {t('admin:help.needsReview')}</strong>}
                  </li>
                ))}
              </ul>
              <div class="button-row">
                <button type="button" class="secondary" onClick={() => setEditing(article)}>
                  {t('admin:edit')}
                  <span class="visually-hidden">: {article.slug}</span>
                </button>
                <button type="button" class="secondary" onClick={() => void remove(article)}>
                  {t('admin:remove')}
                  <span class="visually-hidden">: {article.slug}</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

interface HelpEditorProps {
  article: HelpArticle | null;
  topics: Topic[];
  onSave: (input: HelpArticleInput) => Promise<void>;
  onCancel: () => void;
}

const emptyVersion = (language: UiLanguage): HelpVersionInput => ({ language, title: '', body: '', status: 'draft', reviewer: null, reviewedOn: null });

/** The desk's languages (and any other an article already has) side by side; a language left without a title is not saved. */
function HelpEditor({ article, topics, onSave, onCancel }: HelpEditorProps) {
  const t = useT();
  const language = useLanguage();
  const [topic, setTopic] = useState(article?.topic ?? topics[0]?.id ?? '');
  const [slug, setSlug] = useState(article?.slug ?? '');
  const deskLanguages = useDeskLanguages();
  const [edited, setEdited] = useState<Partial<Record<UiLanguage, HelpVersionInput>>>(() =>
    Object.fromEntries(
      (article?.versions ?? []).map(({ language: code, title, body, status, reviewer, reviewedOn }) => [code, { language: code, title, body, status, reviewer, reviewedOn }]),
    ),
  );
  const versionOf = (code: UiLanguage) => edited[code] ?? emptyVersion(code);
  const versions = [...new Set([...deskLanguages, ...(Object.keys(edited) as UiLanguage[])])].map(versionOf);
  const { error, run } = useRequestError();
  const change = (code: UiLanguage, patch: Partial<HelpVersionInput>) => setEdited((all) => ({ ...all, [code]: { ...(all[code] ?? emptyVersion(code)), ...patch } }));

  const submit = (event: Event) => {
    event.preventDefault();
    void run(() => onSave({ topic, slug: slug.trim(), versions: versions.filter((version) => version.title.trim()) }));
  };

  return (
    <form class="admin-form" onSubmit={submit} data-testid="help-editor">
      <div class="field">
        <label for="help-topic">{t('admin:help.topic')}</label>
        <select id="help-topic" value={topic} onChange={(event) => setTopic(event.currentTarget.value)}>
          {topics.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {topicName(t, candidate.id, language, candidate.names)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="help-slug">{t('admin:help.slug')}</label>
        <input id="help-slug" required pattern="[a-z0-9][a-z0-9-]*" maxLength={80} aria-describedby="help-slug-hint" value={slug} onInput={(event) => setSlug(event.currentTarget.value)} />
        <p class="hint" id="help-slug-hint">
          {t('admin:help.slugHint')}
        </p>
      </div>
      <p class="hint">{t('admin:help.markdownHint')}</p>
      <div class="help-editor-languages">
        {versions.map((version) => {
          const id = `help-${version.language}`;
          const needsReview = article?.versions.find((stored) => stored.language === version.language)?.needsReview;
          return (
            <fieldset key={version.language} class="help-editor-language">
              <legend>{nativeLanguageName(version.language)}</legend>
              {needsReview && <p class="notice">{t('admin:help.needsReviewHint')}</p>}
              <div class="field">
                <label for={`${id}-title`}>{t('admin:help.title')}</label>
                <input id={`${id}-title`} lang={version.language} maxLength={200} value={version.title} onInput={(event) => change(version.language, { title: event.currentTarget.value })} />
              </div>
              <div class="field">
                <label for={`${id}-body`}>{t('admin:help.body')}</label>
                <textarea id={`${id}-body`} lang={version.language} rows={10} value={version.body} onInput={(event) => change(version.language, { body: event.currentTarget.value })} />
              </div>
              <div class="field">
                <label for={`${id}-status`}>{t('admin:help.statusLabel')}</label>
                <select id={`${id}-status`} value={version.status} onChange={(event) => change(version.language, { status: event.currentTarget.value as HelpVersionInput['status'] })}>
                  <option value="draft">{t('admin:help.status.draft')}</option>
                  <option value="published">{t('admin:help.status.published')}</option>
                </select>
              </div>
              <div class="field">
                <label for={`${id}-reviewer`}>{t('admin:help.reviewer')}</label>
                <input id={`${id}-reviewer`} maxLength={120} value={version.reviewer ?? ''} onInput={(event) => change(version.language, { reviewer: event.currentTarget.value || null })} />
              </div>
              <div class="field">
                <label for={`${id}-reviewed`}>{t('admin:help.reviewedOn')}</label>
                <input id={`${id}-reviewed`} type="date" value={version.reviewedOn ?? ''} onInput={(event) => change(version.language, { reviewedOn: event.currentTarget.value || null })} />
              </div>
            </fieldset>
          );
        })}
      </div>
      <ErrorMessage code={error} />
      <div class="button-row">
        <button type="submit" data-testid="help-save">
          {t('admin:save')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('admin:cancel')}
        </button>
      </div>
    </form>
  );
}
