import { useRef } from 'preact/hooks';
import { uploadTypes } from '../../../shared/desk-protocol';
import { useLanguage, useT } from '../i18n';
import { formatFileSize } from './format-size';
import type { FileLimits } from './uploads';
import type { FileType } from '../../../shared/desk-protocol';
import './attach-button.css';

export const ATTACH_BUTTON_ID = 'attach-button';

const TYPE_NAMES: Record<FileType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'application/pdf': 'PDF' };

/** What may be sent, from the office's limits, in the reader's language: "JPEG, PNG, WebP, HEIC or PDF, up to 250 kB". */
export function useAcceptedFiles(limits: Pick<FileLimits, 'types' | 'maxBytes'>): string {
  const t = useT();
  const language = useLanguage();
  // iPhone photos after the other photos: the server turns them into JPEG.
  const photos = limits.types.filter((type) => type !== 'application/pdf').map((type) => TYPE_NAMES[type]);
  if (limits.types.includes('image/jpeg')) photos.push('HEIC');
  const names = limits.types.includes('application/pdf') ? [...photos, TYPE_NAMES['application/pdf']] : photos;
  const types = new Intl.ListFormat(language, { type: 'disjunction' }).format(names);
  return t('common:attachments.hint', { types, max: formatFileSize(limits.maxBytes, language) });
}

interface AttachButtonProps {
  limits: FileLimits;
  /** The app's own button look ("button button--small" on the visitor page, "secondary" in the console). */
  buttonClass: string;
  onPick: (file: File) => void;
}

/**
 * A real button that opens the file picker (the input itself stays hidden: it cannot be labelled
 * or styled well), with what may be sent, and how large, said next to it.
 */
export function AttachButton({ limits, buttonClass, onPick }: AttachButtonProps) {
  const t = useT();
  const accepted = useAcceptedFiles(limits);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div class="attach">
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept={uploadTypes(limits.types).join(',')}
        data-testid="attach-input"
        onChange={(event) => {
          for (const file of Array.from(event.currentTarget.files ?? [])) onPick(file);
          event.currentTarget.value = '';
        }}
      />
      <button
        id={ATTACH_BUTTON_ID}
        type="button"
        class={`${buttonClass} attach-button`}
        aria-describedby="attach-hint"
        data-testid="attach-button"
        onClick={() => input.current?.click()}
      >
        {t('common:attachments.attach')}
      </button>
      <span id="attach-hint" class="attach-hint">
        {accepted}
      </span>
    </div>
  );
}
