/**
 * After the office's first answer, the private page goes on as a thread: the visitor's replies
 * and the office's further answers, oldest first, and a form to reply (with files under the
 * chat's rules) while the message is open. A sent reply is announced and the form empties.
 */
import { useRef, useState } from 'preact/hooks';
import type { DeskInfo, VisitorLeftMessage } from '../../../shared/protocol';
import { bearer, errorCodeOf, type ApiErrorCode } from '../../common/api';
import { FileList } from '../../common/attachments/download-button';
import { measureDraft } from '../../common/composer-input';
import { formatInstant, viewerTimeZone } from '../../common/format';
import { useLanguage, useT } from '../../common/i18n';
import { FieldError } from '../field-error';
import { FormSubmit } from '../form-submit';
import { useFormValidation } from '../use-form-validation';
import { leftMessageFileUrl, replyToLeftMessage } from './api';
import { AttachedFiles } from './attached-files';

interface ThreadProps {
  desk: DeskInfo;
  message: VisitorLeftMessage;
  token: string;
  onReplied: (message: VisitorLeftMessage) => void;
}

export function LeftMessageThread({ desk, message, token, onReplied }: ThreadProps) {
  const t = useT();
  const language = useLanguage();
  const when = (iso: string) => formatInstant(iso, language, viewerTimeZone());
  return (
    <section aria-labelledby="lm-thread-heading" data-testid="lm-thread">
      <h3 id="lm-thread-heading">{t('visitor:messagePage.thread.heading')}</h3>
      {message.replies.length > 0 && (
        <ol class="left-message-thread">
          {message.replies.map((reply) => (
            <li key={reply.id} data-testid="lm-reply" data-author={reply.author}>
              <p class="hint">
                {t(reply.author === 'visitor' ? 'visitor:messagePage.thread.yourReply' : 'visitor:messagePage.thread.officeAnswer', { time: when(reply.createdAt) })}
              </p>
              <p class="left-message-text" lang={message.language}>
                {reply.body}
              </p>
              <FileList files={reply.files} fileUrl={leftMessageFileUrl} headers={bearer(token)} />
            </li>
          ))}
        </ol>
      )}
      {message.canReply ? (
        <ReplyForm desk={desk} token={token} waiting={message.status === 'new'} onReplied={onReplied} />
      ) : (
        <p data-testid="lm-thread-closed">{t('visitor:messagePage.thread.closed')}</p>
      )}
    </section>
  );
}

function ReplyForm({ desk, token, waiting, onReplied }: { desk: DeskInfo; token: string; waiting: boolean; onReplied: ThreadProps['onReplied'] }) {
  const t = useT();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<readonly File[]>([]);
  // Remounts the file picker, which keeps its own list, once a reply took its files.
  const [round, setRound] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const [sent, setSent] = useState(false);
  const sentRef = useRef<HTMLParagraphElement>(null);
  const draft = measureDraft(text, desk.maxMessageLength);
  const validation = useFormValidation({ body: !draft.canSend });
  const shown = validation.shown;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!validation.check()) return;
    setSubmitting(true);
    setFailure(null);
    setSent(false);
    try {
      const message = await replyToLeftMessage(token, draft.body, files);
      setText('');
      validation.hide();
      setFiles([]);
      setRound((n) => n + 1);
      setSent(true);
      onReplied(message);
      // The reply is now in the thread above; the confirmation takes focus and is read out.
      requestAnimationFrame(() => sentRef.current?.focus());
    } catch (error) {
      setFailure(errorCodeOf(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form class="leave-message-form lm-reply-form" onSubmit={submit} noValidate aria-labelledby="lm-reply-heading" data-testid="lm-reply-form">
      <h4 id="lm-reply-heading">{t('visitor:messagePage.thread.formHeading')}</h4>
      {sent ? (
        <p ref={sentRef} tabIndex={-1} class="notice" role="status" data-testid="lm-reply-sent">
          {t('visitor:messagePage.thread.sent')}
        </p>
      ) : (
        waiting && <p class="hint">{t('visitor:messagePage.thread.waiting')}</p>
      )}
      <div class="field">
        <label for="lm-reply-body">{t('visitor:messagePage.thread.body')}</label>
        <textarea
          id="lm-reply-body"
          ref={validation.ref('body')}
          data-testid="lm-reply-body"
          rows={5}
          maxLength={desk.maxMessageLength}
          value={text}
          aria-invalid={shown('body')}
          aria-describedby={shown('body') ? 'lm-reply-body-error' : undefined}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        {draft.showCounter && <p class="hint">{t('common:composer.counter', { length: draft.length, max: desk.maxMessageLength })}</p>}
        {shown('body') && <FieldError id="lm-reply-body-error" text={t('visitor:messagePage.thread.bodyRequired')} />}
      </div>
      {desk.files && desk.files.perConversation > 0 && <AttachedFiles key={round} limits={desk.files} onChange={setFiles} />}
      <FormSubmit
        failure={failure}
        submitting={submitting}
        label={t('visitor:messagePage.thread.submit')}
        busyLabel={t('visitor:messagePage.thread.sending')}
        testId="lm-reply-submit"
        failureTestId="lm-reply-error"
      />
    </form>
  );
}
