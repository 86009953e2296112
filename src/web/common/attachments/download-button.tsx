import { useId, useState } from 'preact/hooks';
import type { LeftMessageFile } from '../../../shared/protocol';
import { errorCodeOf, requestFile, saveFile, type ApiErrorCode } from '../api';
import { errorText } from '../error-text';
import { useLanguage, useT } from '../i18n';
import { formatFileSize } from './format-size';
import './attachments.css';

interface DownloadButtonProps {
  url: string;
  /** The visitor's token travels here, never in the URL. */
  headers: Record<string, string>;
  name: string;
  size: number;
}

/** Fetches the file (with the headers that prove who asks) and saves it under its name. */
export function DownloadButton({ url, headers, name, size }: DownloadButtonProps) {
  const t = useT();
  const language = useLanguage();
  const [failure, setFailure] = useState<ApiErrorCode | null>(null);
  const download = async () => {
    setFailure(null);
    try {
      const { blob } = await requestFile(url, { headers });
      saveFile(blob, name);
    } catch (error) {
      setFailure(errorCodeOf(error));
    }
  };
  return (
    <>
      <button type="button" class="attachment-download" data-testid="attachment-download" onClick={download}>
        {t('common:attachments.download', { name, size: formatFileSize(size, language) })}
      </button>
      {failure && (
        <p class="attachment-error" role="alert">
          {errorText(t, failure)}
        </p>
      )}
    </>
  );
}

interface FileListProps {
  files: readonly LeftMessageFile[];
  fileUrl: (fileId: string) => string;
  headers: Record<string, string>;
}

/** The files that came with a left message, each a download; nothing when there are none. */
export function FileList({ files, fileUrl, headers }: FileListProps) {
  const t = useT();
  // A thread shows several lists on one page.
  const headingId = useId();
  if (files.length === 0) return null;
  return (
    <section class="file-list" aria-labelledby={headingId} data-testid="file-list">
      <h3 id={headingId}>{t('common:attachments.files')}</h3>
      <ul>
        {files.map((file) => (
          <li key={file.id} class="attachment" data-content-type={file.contentType}>
            <DownloadButton url={fileUrl(file.id)} headers={headers} name={file.name} size={file.size} />
          </li>
        ))}
      </ul>
    </section>
  );
}
