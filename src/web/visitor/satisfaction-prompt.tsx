/**
 * After a conversation ends, or on the private page of an answered left message: how helpful was
 * it, on five named points (a radio group, not bare stars), with an optional comment. Skippable;
 * once answered or skipped it is not asked again on this device, and the server takes one rating
 * per conversation or message.
 */
import { useState } from 'preact/hooks';
import { RATINGS, SATISFACTION_COMMENT_MAX, SATISFACTION_ROUTES } from '../../shared/protocol';
import { api, errorCodeOf, type ApiErrorCode } from '../common/api';
import { errorText } from '../common/error-text';
import { useT } from '../common/i18n';
import type { KeyValueStorage } from '../common/storage';
import './satisfaction.css';

export interface SatisfactionPromptProps {
  subject: 'conversation' | 'leftMessage';
  /** The conversation's or the private page's token. */
  token: string;
  storage: KeyValueStorage;
}

const ROUTE = { conversation: SATISFACTION_ROUTES.rateConversation, leftMessage: SATISFACTION_ROUTES.rateLeftMessage };

export function SatisfactionPrompt({ subject, token, storage }: SatisfactionPromptProps) {
  const t = useT();
  const key = `e-konsultant.rated.${token.slice(0, 24)}`;
  const [state, setState] = useState<'asking' | 'sending' | 'thanked' | 'skipped'>(() => (storage.getItem(key) ? 'skipped' : 'asking'));
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<ApiErrorCode | null>(null);

  const finish = (outcome: 'thanked' | 'skipped') => {
    storage.setItem(key, outcome);
    setState(outcome);
  };
  const send = async () => {
    if (rating === null) return;
    setState('sending');
    setError(null);
    try {
      await api(ROUTE[subject], { token, body: { rating, ...(comment.trim() && { comment }) } });
      finish('thanked');
    } catch (failure) {
      const code = errorCodeOf(failure);
      if (code === 'satisfaction_already_given') return finish('thanked');
      setError(code);
      setState('asking');
    }
  };

  if (state === 'skipped') return null;
  if (state === 'thanked') {
    return (
      <p class="satisfaction-thanks" role="status" data-testid="satisfaction-thanks">
        {t('visitor:satisfaction.thanks')}
      </p>
    );
  }
  return (
    <form
      class="satisfaction"
      data-testid="satisfaction"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <fieldset>
        <legend>{t(subject === 'conversation' ? 'visitor:satisfaction.legend' : 'visitor:satisfaction.legendMessage')}</legend>
        <div class="satisfaction-scale">
          {RATINGS.map((value) => (
            <label key={value} class="satisfaction-option">
              <input type="radio" name="satisfaction-rating" value={value} checked={rating === value} onChange={() => setRating(value)} />
              <span>
                {value} – {t(`visitor:satisfaction.rating.${value}`)}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for="satisfaction-comment">{t('visitor:satisfaction.comment')}</label>
        <textarea
          id="satisfaction-comment"
          rows={2}
          maxLength={SATISFACTION_COMMENT_MAX}
          aria-describedby="satisfaction-comment-hint"
          value={comment}
          onInput={(event) => setComment(event.currentTarget.value)}
        />
        <p class="hint" id="satisfaction-comment-hint">
          {t('visitor:satisfaction.commentHint')}
        </p>
      </div>
      {error && (
        <p class="field-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <div class="satisfaction-actions">
        <button type="submit" class="button button--primary" disabled={rating === null || state === 'sending'} data-testid="satisfaction-send">
          {t('visitor:satisfaction.send')}
        </button>
        <button type="button" class="button button--quiet" onClick={() => finish('skipped')} data-testid="satisfaction-skip">
          {t('visitor:satisfaction.skip')}
        </button>
      </div>
    </form>
  );
}
