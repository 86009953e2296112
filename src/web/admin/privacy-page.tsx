/**
 * Data-subject requests: find one person's data by the key they gave (an e-mail address, a case
 * code or reference, a conversation's or booking's id), export it as one JSON file, erase it
 * (asked first), or remove one message's text, which leaves a marker in both apps.
 */
import { useState } from 'preact/hooks';
import type { PersonData } from '../../shared/protocol';
import { formatInstant, viewerTimeZone } from '../common/format';
import { useLanguage, useT } from '../common/i18n';
import { privacyApi } from './admin-api';
import { ErrorMessage, PageHeading, useRequestError, type PageProps } from './pages';

type Confirming = { kind: 'erase' } | { kind: 'redact'; conversationId: string; seq: number } | null;

export function PrivacyPage({ focusHeading, announce }: PageProps) {
  const t = useT();
  const language = useLanguage();
  const [key, setKey] = useState('');
  const [found, setFound] = useState<{ key: string; data: PersonData } | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const { error, run } = useRequestError();
  const when = (iso: string) => formatInstant(iso, language, viewerTimeZone());

  const find = (typed: string) =>
    run(async () => {
      setConfirming(null);
      setFound({ key: typed, data: await privacyApi.find(typed) });
    });
  const erase = (typed: string) =>
    run(async () => {
      const erased = await privacyApi.erase(typed);
      setConfirming(null);
      setFound(null);
      announce(t('admin:privacy.erased', erased));
    });
  const redact = (typed: string, conversationId: string, seq: number) =>
    run(async () => {
      await privacyApi.redact(conversationId, seq);
      setConfirming(null);
      announce(t('admin:privacy.redacted'));
      setFound({ key: typed, data: await privacyApi.find(typed) });
    });

  const data = found?.data;
  const nothing = data && data.conversations.length + data.leftMessages.length + data.bookings.length === 0;
  return (
    <>
      <PageHeading focus={focusHeading}>{t('admin:nav.privacy')}</PageHeading>
      <p>{t('admin:privacy.intro')}</p>
      <form
        class="panel"
        onSubmit={(event) => {
          event.preventDefault();
          void find(key);
        }}
      >
        <div class="field">
          <label for="privacy-key">{t('admin:privacy.key')}</label>
          <input id="privacy-key" data-testid="privacy-key" value={key} required autocomplete="off" onInput={(event) => setKey(event.currentTarget.value)} />
        </div>
        <button type="submit" data-testid="privacy-find">
          {t('admin:privacy.find')}
        </button>
      </form>
      <ErrorMessage code={error} />
      {found && data && (
        <section class="panel admin-section" aria-labelledby="privacy-found-heading" data-testid="privacy-found">
          <h2 id="privacy-found-heading">{t('admin:privacy.found', { conversations: data.conversations.length, leftMessages: data.leftMessages.length, bookings: data.bookings.length })}</h2>
          {nothing ? (
            <p data-testid="privacy-nothing">{t('admin:privacy.nothing')}</p>
          ) : (
            <>
              <div class="button-row">
                <button type="button" class="secondary" data-testid="privacy-export" onClick={() => void run(() => privacyApi.export(found.key))}>
                  {t('admin:privacy.export')}
                </button>
                {confirming?.kind === 'erase' ? (
                  <>
                    <button type="button" class="danger" data-testid="privacy-erase-confirm" onClick={() => void erase(found.key)}>
                      {t('admin:privacy.eraseConfirm')}
                    </button>
                    <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                      {t('admin:cancel')}
                    </button>
                  </>
                ) : (
                  <button type="button" class="danger" data-testid="privacy-erase" onClick={() => setConfirming({ kind: 'erase' })}>
                    {t('admin:privacy.erase')}
                  </button>
                )}
              </div>
              {data.leftMessages.map((message) => (
                <article key={message.id} class="privacy-item" data-testid="privacy-left-message">
                  <h3>{t('admin:privacy.leftMessage', { reference: message.reference, time: when(message.leftAt) })}</h3>
                  <p>{message.email}</p>
                  <p class="privacy-text">{message.body}</p>
                  {message.files.length > 0 && <p>{t('admin:privacy.files', { names: message.files.map((file) => file.name).join(', ') })}</p>}
                </article>
              ))}
              {data.bookings.map((booking) => (
                <article key={booking.id} class="privacy-item" data-testid="privacy-booking">
                  <h3>{t('admin:privacy.booking', { time: when(booking.startsAt) })}</h3>
                  <p>
                    {booking.email} · {t(`console:agenda.status.${booking.status}`)}
                  </p>
                </article>
              ))}
              {data.conversations.map((conversation) => (
                <article key={conversation.id} class="privacy-item" data-testid="privacy-conversation">
                  <h3>{t('admin:privacy.conversation', { time: when(conversation.startedAt) })}</h3>
                  <ol class="privacy-messages">
                    {conversation.messages
                      .filter((message) => message.author !== 'system' || message.event === 'message_removed')
                      .map((message) => (
                        <li key={message.seq} data-testid="privacy-message">
                          {message.event === 'message_removed' ? (
                            <em>{t('common:system.message_removed')}</em>
                          ) : (
                            <>
                              <span class="privacy-text">{message.file ? message.file.name : message.body}</span>{' '}
                              {confirming?.kind === 'redact' && confirming.conversationId === conversation.id && confirming.seq === message.seq ? (
                                <>
                                  <button type="button" class="danger" data-testid="privacy-redact-confirm" onClick={() => void redact(found.key, conversation.id, message.seq)}>
                                    {t('admin:privacy.redactConfirm')}
                                  </button>
                                  <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                                    {t('admin:cancel')}
                                  </button>
                                </>
                              ) : (
                                <button type="button" class="secondary" data-testid="privacy-redact" onClick={() => setConfirming({ kind: 'redact', conversationId: conversation.id, seq: message.seq })}>
                                  {t('admin:privacy.redact')}
                                </button>
                              )}
                            </>
                          )}
                        </li>
                      ))}
                  </ol>
                </article>
              ))}
            </>
          )}
        </section>
      )}
    </>
  );
}
