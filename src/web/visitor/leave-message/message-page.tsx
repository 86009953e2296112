/**
 * The visitor's private page for a left message, `/message#<token>`: the reference, the status,
 * what they wrote and, once given, the answer (and a rating of it), then the thread: their
 * replies and the office's further answers, and a form to reply. Loaded as its own chunk.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DeskInfo, VisitorLeftMessage } from '../../../shared/protocol';
import { bearer, errorCodeOf, type ApiErrorCode } from '../../common/api';
import { FileList } from '../../common/attachments/download-button';
import { errorText } from '../../common/error-text';
import { formatInstant, viewerTimeZone } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { topicName } from '../../common/topic-name';
import { browserStorage } from '../../common/storage';
import { Header, usePageTitle } from '../header';
import { SiteFooter } from '../office/site-footer';
import { SatisfactionPrompt } from '../satisfaction-prompt';
import { DeleteOwnData, ErasedNotice } from '../delete-own-data';
import { eraseLeftMessage, fetchLeftMessage, leftMessageFileUrl } from './api';
import { LeftMessageThread } from './left-message-thread';
import { tabStorage, takePrivateToken } from '../private-link';
import './leave-message.css';

type Loaded = { status: 'loading' } | { status: 'failed'; code: ApiErrorCode } | { status: 'loaded'; message: VisitorLeftMessage } | { status: 'deleted' };

export function MessagePage({ desk }: { desk: DeskInfo }) {
  const t = useT();
  const [token] = useState(() => takePrivateToken('message', window, tabStorage()));
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  usePageTitle(desk, t('visitor:messagePage.heading'));

  useEffect(() => {
    if (!token) return;
    fetchLeftMessage(token).then(
      (message) => setLoaded({ status: 'loaded', message }),
      (error: unknown) => setLoaded({ status: 'failed', code: errorCodeOf(error) }),
    );
  }, [token]);

  return (
    <>
      <Header desk={desk} />
      <main id="main" tabIndex={-1} class="content message-page">
        <h2>{t('visitor:messagePage.heading')}</h2>
        {!token ? (
          <p class="notice notice--error" role="alert">
            {t(desk.sendsEmail ? 'visitor:messagePage.noToken' : 'visitor:messagePage.noTokenNoEmail')}
          </p>
        ) : loaded.status === 'loading' ? (
          <p role="status">{t('visitor:messagePage.loading')}</p>
        ) : loaded.status === 'failed' ? (
          <p class="notice notice--error" role="alert" data-testid="message-page-error">
            {errorText(t, loaded.code)}
          </p>
        ) : loaded.status === 'deleted' ? (
          <ErasedNotice testId="left-message-deleted" text={t('visitor:messagePage.deleted')} />
        ) : (
          <>
            <LeftMessageView
              desk={desk}
              message={loaded.message}
              token={token}
              onReplied={(message) => setLoaded({ status: 'loaded', message })}
            />
            <DeleteOwnData
              id="delete-left-message"
              label={t('visitor:messagePage.delete')}
              question={t('visitor:messagePage.deleteQuestion')}
              erase={() => eraseLeftMessage(token)}
              onErased={() => setLoaded({ status: 'deleted' })}
            />
          </>
        )}
        <p>
          <a href="/">{t('visitor:messagePage.home')}</a>
        </p>
      </main>
      <SiteFooter office={desk.office} />
    </>
  );
}

interface LeftMessageViewProps {
  desk: DeskInfo;
  message: VisitorLeftMessage;
  token: string;
  onReplied: (message: VisitorLeftMessage) => void;
}

function LeftMessageView({ desk, message, token, onReplied }: LeftMessageViewProps) {
  const topicNames = desk.topicNames;
  const t = useT();
  const language = useLanguage();
  // The visitor's own time: they may be anywhere.
  const when = (iso: string) => formatInstant(iso, language, viewerTimeZone());
  return (
    <article class="left-message" data-testid="left-message" data-status={message.status}>
      <dl class="left-message-facts">
        <div>
          <dt>{t('visitor:messagePage.reference')}</dt>
          <dd class="reference" data-testid="left-message-reference">
            {message.reference}
          </dd>
        </div>
        <div>
          <dt>{t('visitor:messagePage.status')}</dt>
          <dd data-testid="left-message-status">
            {t(`visitor:messagePage.statuses.${message.status}`)}
          </dd>
        </div>
        <div>
          <dt>{t('visitor:messagePage.topic')}</dt>
          <dd>{topicName(t, message.topic, language, topicNames?.[message.topic])}</dd>
        </div>
        <div>
          <dt>{t('visitor:messagePage.sentAt')}</dt>
          <dd>{when(message.createdAt)}</dd>
        </div>
      </dl>
      <section aria-labelledby="left-message-body-heading">
        <h3 id="left-message-body-heading">{t('visitor:messagePage.yourMessage')}</h3>
        <p class="left-message-text" lang={message.language}>
          {message.body}
        </p>
      </section>
      <FileList files={message.files} fileUrl={leftMessageFileUrl} headers={bearer(token)} />
      <section aria-labelledby="left-message-answer-heading" data-testid="left-message-answer">
        <h3 id="left-message-answer-heading">{t('visitor:messagePage.answer')}</h3>
        {message.answer !== null && message.answeredAt !== null ? (
          <>
            <p class="hint">{t('visitor:messagePage.answeredAt', { time: when(message.answeredAt) })}</p>
            <p class="left-message-text" lang={message.language}>
              {message.answer}
            </p>
            <SatisfactionPrompt subject="leftMessage" token={token} storage={browserStorage()} />
          </>
        ) : (
          <p data-testid="left-message-no-answer">{t(message.answerByEmail ? 'visitor:messagePage.noAnswer' : 'visitor:messagePage.noAnswerNoEmail')}</p>
        )}
      </section>
      {message.answer !== null && <LeftMessageThread desk={desk} message={message} token={token} onReplied={onReplied} />}
    </article>
  );
}
