import { useEffect, useState } from 'preact/hooks';
import type { UiLanguage } from '../../shared/languages';
import type { Topic, TopicNames } from '../../shared/protocol';
import { type ApiErrorCode, errorCodeOf } from '../common/api';
import { useLanguage, useT } from '../common/i18n';
import { topicApi } from './admin-api';
import { ErrorMessage, Loading, PageHeading, type PageProps, useDeskLanguages } from './pages';
import { TopicNamesFields } from './topic-names-fields';
import { topicName } from '../common/topic-name';

export function TopicsPage({ announce, focusHeading }: PageProps) {
  const t = useT();
  const language = useLanguage();
  const [topics, setTopics] = useState<Topic[] | null>(null);
  const deskLanguages = useDeskLanguages();
  const [error, setError] = useState<ApiErrorCode | null>(null);

  useEffect(() => {
    topicApi.list().then(setTopics, (failure: unknown) => setError(errorCodeOf(failure)));
  }, []);

  async function move(index: number, by: -1 | 1) {
    if (!topics) return;
    const ids = topics.map((topic) => topic.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    setError(null);
    try {
      const reordered = await topicApi.reorder(ids);
      setTopics(reordered);
      keepFocusOnMoved(moved!, index + by, reordered.length, by);
      announce(t('admin:topics.moved', { name: topicName(t, moved!, language, topics[index]!.names), position: index + by + 1 }));
    } catch (failure) {
      setError(errorCodeOf(failure));
    }
  }

  const replace = (topic: Topic) => setTopics((list) => (list ?? []).map((item) => (item.id === topic.id ? topic : item)));

  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.topics')}</PageHeading>
      <p class="hint">{t('admin:topics.intro')}</p>
      <ErrorMessage code={error} />
      {topics === null && !error && <Loading />}
      {topics && (
        <ol class="topic-list" data-testid="topic-list">
          {topics.map((topic, index) => (
            <li key={topic.id} class="panel">
              <TopicEditor topic={topic} deskLanguages={deskLanguages} announce={announce} onSaved={replace} />
              <div class="button-row">
                <button type="button" class="secondary" id={`topic-${topic.id}-up`} disabled={index === 0} onClick={() => void move(index, -1)}>
                  {t('admin:topics.up')}
                  <span class="visually-hidden">: {topicName(t, topic.id, language, topic.names)}</span>
                </button>
                <button
                  type="button"
                  class="secondary"
                  id={`topic-${topic.id}-down`}
                  disabled={index === topics.length - 1}
                  onClick={() => void move(index, 1)}
                >
                  {t('admin:topics.down')}
                  <span class="visually-hidden">: {topicName(t, topic.id, language, topic.names)}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <NewTopic deskLanguages={deskLanguages} onCreated={(topic) => {
        setTopics((list) => [...(list ?? []), topic]);
        announce(t('admin:topics.created', { name: topicName(t, topic.id, language, topic.names) }));
      }} />
    </>
  );
}

/** After a move the keyboard stays on the moved topic's button, or its other one once it reaches an end. */
function keepFocusOnMoved(id: string, position: number, count: number, by: -1 | 1): void {
  const atEnd = by === -1 ? position === 0 : position === count - 1;
  const direction = (by === -1) !== atEnd ? 'up' : 'down';
  requestAnimationFrame(() => document.getElementById(`topic-${id}-${direction}`)?.focus());
}

interface TopicEditorProps {
  topic: Topic;
  deskLanguages: readonly UiLanguage[];
  announce: PageProps['announce'];
  onSaved: (topic: Topic) => void;
}

function TopicEditor({ topic, deskLanguages, announce, onSaved }: TopicEditorProps) {
  const t = useT();
  const language = useLanguage();
  const [names, setNames] = useState<TopicNames>(topic.names);
  const [active, setActive] = useState(topic.active);
  const [error, setError] = useState<ApiErrorCode | null>(null);
  const headingId = `topic-${topic.id}-heading`;

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      onSaved(await topicApi.update(topic.id, { names, active }));
      announce(t('admin:saved'));
    } catch (failure) {
      setError(errorCodeOf(failure));
    }
  }

  return (
    <form class="admin-form" aria-labelledby={headingId} onSubmit={save}>
      <h2 id={headingId}>
        {topicName(t, topic.id, language, topic.names)} <span class="muted">({topic.id})</span>
        {!topic.active && <span class="badge">{t('admin:topics.inactive')}</span>}
      </h2>
      <TopicNamesFields idPrefix={`topic-${topic.id}`} names={names} languages={deskLanguages} onChange={setNames} />
      <label class="check">
        <input type="checkbox" checked={active} onChange={(event) => setActive(event.currentTarget.checked)} />
        {t('admin:topics.active')}
      </label>
      <ErrorMessage code={error} />
      <button type="submit">{t('admin:save')}</button>
    </form>
  );
}

function NewTopic({ deskLanguages, onCreated }: { deskLanguages: readonly UiLanguage[]; onCreated: (topic: Topic) => void }) {
  const t = useT();
  const [id, setId] = useState('');
  const [names, setNames] = useState<TopicNames>({});
  const [error, setError] = useState<ApiErrorCode | null>(null);

  async function create(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      onCreated(await topicApi.create(id.trim(), names));
      setId('');
      setNames({});
    } catch (failure) {
      setError(errorCodeOf(failure));
    }
  }

  return (
    <section class="panel admin-section" aria-labelledby="topic-new-heading">
      <h2 id="topic-new-heading">{t('admin:topics.newHeading')}</h2>
      <form class="admin-form" onSubmit={create} data-testid="topic-new-form">
        <div class="field">
          <label for="topic-new-id">{t('admin:topics.id')}</label>
          <input
            id="topic-new-id"
            required
            pattern="[a-z0-9_\-]{1,40}"
            aria-describedby="topic-new-id-hint"
            value={id}
            onInput={(event) => setId(event.currentTarget.value)}
          />
          <p class="hint" id="topic-new-id-hint">
            {t('admin:topics.idHint')}
          </p>
        </div>
        <TopicNamesFields idPrefix="topic-new" names={names} languages={deskLanguages} onChange={setNames} />
        <ErrorMessage code={error} />
        <button type="submit">{t('admin:topics.create')}</button>
      </form>
    </section>
  );
}
