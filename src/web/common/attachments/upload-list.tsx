import { errorText } from '../error-text';
import { useLanguage, useT } from '../i18n';
import { ATTACH_BUTTON_ID } from './attach-button';
import { formatFileSize } from './format-size';
import type { PendingUpload } from './uploads';
import './attachments.css';

interface UploadListProps {
  uploads: readonly PendingUpload[];
  buttonClass: string;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

/** Files being sent (with progress) or refused (with the reason, try again, remove). */
export function UploadList({ uploads, buttonClass, onRetry, onDiscard }: UploadListProps) {
  if (uploads.length === 0) return null;
  return (
    <ul class="uploads" data-testid="uploads">
      {uploads.map((upload) => (
        <UploadItem key={upload.clientId} upload={upload} buttonClass={buttonClass} onRetry={onRetry} onDiscard={onDiscard} />
      ))}
    </ul>
  );
}

function UploadItem({ upload, buttonClass, onRetry, onDiscard }: { upload: PendingUpload } & Omit<UploadListProps, 'uploads'>) {
  const t = useT();
  const language = useLanguage();
  const percent = Math.round(upload.progress * 100);
  const discard = () => {
    onDiscard(upload.clientId);
    // The button pressed goes away with the item: focus returns to where files are attached.
    document.getElementById(ATTACH_BUTTON_ID)?.focus();
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
          <p role="alert">{t('common:attachments.failed', { reason: errorText(t, upload.error ?? 'internal_error') })}</p>
          <button type="button" class={buttonClass} data-testid="upload-retry" onClick={() => onRetry(upload.clientId)}>
            {t('common:attachments.retry')}
          </button>{' '}
          <button type="button" class={buttonClass} data-testid="upload-discard" onClick={discard}>
            {t('common:attachments.discard')}
          </button>
        </div>
      )}
    </li>
  );
}
