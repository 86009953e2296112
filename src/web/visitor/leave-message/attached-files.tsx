import { useRef, useState } from 'preact/hooks';
import { maxLeftMessageFiles } from '../../../shared/protocol';
import type { ApiErrorCode } from '../../common/api';
import { ATTACH_BUTTON_ID, AttachButton } from '../../common/attachments/attach-button';
import { formatFileSize } from '../../common/attachments/format-size';
import { checkFile, type FileLimits } from '../../common/attachments/uploads';
import { errorText } from '../../common/error-text';
import { useLanguage, useT } from '../../common/i18n';

interface AttachedFilesProps {
  limits: FileLimits;
  onChange: (files: readonly File[]) => void;
}

/**
 * The files going with a left message: picked here, sent with the message in one request. What
 * the browser can tell (size, declared type, how many) is refused at once, in the visitor's language.
 */
export function AttachedFiles({ limits, onChange }: AttachedFilesProps) {
  const t = useT();
  const language = useLanguage();
  // Several files picked at once arrive one call each, before a render: the ref counts them all.
  const chosen = useRef<readonly File[]>([]);
  const [files, setFiles] = useState<readonly File[]>([]);
  const max = maxLeftMessageFiles(limits);
  const [refusal, setRefusal] = useState<{ name: string; code: ApiErrorCode } | null>(null);

  const update = (next: readonly File[]) => {
    chosen.current = next;
    setFiles(next);
    onChange(next);
  };
  const pick = (file: File) => {
    const code = chosen.current.length >= max ? 'too_many_left_message_files' : checkFile(file, limits);
    if (code) return setRefusal({ name: file.name, code });
    setRefusal(null);
    update([...chosen.current, file]);
  };
  const remove = (file: File) => {
    update(chosen.current.filter((other) => other !== file));
    setRefusal(null);
    // The pressed button goes away with its file: focus returns to where files are attached.
    document.getElementById(ATTACH_BUTTON_ID)?.focus();
  };

  return (
    <fieldset class="field lm-files" data-testid="lm-files">
      <legend>{t('common:attachments.files')}</legend>
      <p class="hint">{t('visitor:leaveMessage.filesHint', { max })}</p>
      <AttachButton limits={limits} buttonClass="button button--small" onPick={pick} />
      {refusal && (
        <p class="field-error" role="alert" data-testid="lm-file-error">
          {refusal.name}: {errorText(t, refusal.code)}
        </p>
      )}
      {files.length > 0 && (
        <ul class="uploads">
          {files.map((file, index) => (
            <li key={`${index}-${file.name}`} class="upload" data-testid="lm-file">
              <span class="upload-name">{file.name}</span> <span class="upload-size">{formatFileSize(file.size, language)}</span>{' '}
              <button type="button" class="button button--small" onClick={() => remove(file)}>
                {t('common:attachments.remove', { name: file.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
