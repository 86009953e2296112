import type { ApiErrorCode } from '../api';
import { errorText } from '../error-text';
import { useLanguage, useT } from '../i18n';
import { ATTACH_BUTTON_ID, useAcceptedFiles } from './attach-button';
import { formatFileSize } from './format-size';
import { worthRetrying, type FileLimits, type PendingUpload } from './uploads';
import './attachments.css';

interface UploadListProps {
  uploads: readonly PendingUpload[];
  limits: FileLimits;
  buttonClass: string;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

/** Refusals about the file itself, answered with what is accepted and why. */
const ABOUT_THE_FILE: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>(['file_type_not_allowed', 'file_too_large', 'file_unreadable']);
/** Refusals another file may pass (a smaller one fits in what room is left); after the others, only removing is left. */
const REPLACEABLE: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>([...ABOUT_THE_FILE, 'file_quota_exceeded']);

/**
 * Files being sent (with progress) or refused: with the reason, and try again only where another
 * attempt may pass (the line, a busy server); a file refused for what it is can only be replaced
 * or removed.
 */
export function UploadList({ uploads, limits, buttonClass, onRetry, onDiscard }: UploadListProps) {
  if (uploads.length === 0) return null;
  return (
    <ul class="uploads" data-testid="uploads">
      {uploads.map((upload) => (
        <UploadItem key={upload.clientId} upload={upload} limits={limits} buttonClass={buttonClass} onRetry={onRetry} onDiscard={onDiscard} />
      ))}
    </ul>
  );
}

function UploadItem({ upload, limits, buttonClass, onRetry, onDiscard }: { upload: PendingUpload } & Omit<UploadListProps, 'uploads'>) {
  const t = useT();
  const language = useLanguage();
  const accepted = useAcceptedFiles(limits);
  const percent = Math.round(upload.progress * 100);
  const error = upload.error ?? 'internal_error';
  const discard = () => {
    onDiscard(upload.clientId);
    // The button pressed goes away with the item: focus returns to where files are attached.
    document.getElementById(ATTACH_BUTTON_ID)?.focus();
  };
  const chooseAnother = () => {
    onDiscard(upload.clientId);
    const attach = document.getElementById(ATTACH_BUTTON_ID);
    attach?.focus();
    attach?.click();
  };
  return (
    <li class={`upload upload--${upload.status}`} data-testid="upload" data-status={upload.status}>
      <p class="upload-file">
        <span class="upload-name">{upload.name}</span> <span class="upload-size">{formatFileSize(upload.size, language)}</span>
      </p>
      {upload.status === 'sending' ? (
        <label class="upload-progress">
          {t('common:attachments.sending', { percent })}
          <progress max={100} value={percent} />
        </label>
      ) : upload.status === 'checking' ? (
        <div class="upload-checking">
          <p role="status">{t('common:attachments.checking')}</p>
          <button type="button" class={buttonClass} data-testid="upload-dismiss" onClick={discard}>
            {t('common:attachments.dismiss')}
          </button>
        </div>
      ) : (
        <div class="upload-failure">
          <p role="alert">{t('common:attachments.failed', { reason: errorText(t, error) })}</p>
          {ABOUT_THE_FILE.has(error) && (
            <div data-testid="upload-accepted">
              <p>{accepted}</p>
              <p>{t('common:attachments.why')}</p>
            </div>
          )}
          {worthRetrying(error) ? (
            <button type="button" class={buttonClass} data-testid="upload-retry" onClick={() => onRetry(upload.clientId)}>
              {t('common:attachments.retry')}
            </button>
          ) : (
            REPLACEABLE.has(error) && (
              <button type="button" class={buttonClass} data-testid="upload-choose-another" onClick={chooseAnother}>
                {t('common:attachments.chooseAnother')}
              </button>
            )
          )}{' '}
          <button type="button" class={buttonClass} data-testid="upload-discard" onClick={discard}>
            {t('common:attachments.discard')}
          </button>
        </div>
      )}
    </li>
  );
}
