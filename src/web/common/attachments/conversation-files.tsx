/**
 * What a conversation view mounts to let its side send files: the attach button (beside the
 * message box) and the files still on their way. Uploads are kept per conversation for the
 * page's lifetime, so a consultant switching between visitors loses none in flight. The upload
 * code loads with the first file picked (lazy.ts).
 */
import { useState } from 'preact/hooks';
import type { Message } from '../../../shared/protocol';
import { errorText } from '../error-text';
import { useT } from '../i18n';
import { AttachButton } from './attach-button';
import type { FileEndpoints } from './endpoints';
import { loadFilesUi, useFilesUi } from './lazy';
import type { FileLimits, PendingUpload, Uploads } from './uploads';
import { useUploadList } from './use-uploads';

const uploadsByConversation = new Map<string, Uploads>();

export interface ConversationFiles {
  limits: FileLimits;
  uploads: Uploads | null;
  items: readonly PendingUpload[];
  pick(file: File): void;
  /** The upload code could not be loaded (offline): said until the next pick. */
  unavailable: boolean;
}

/** Null when the desk takes no files (FILES_PER_CONVERSATION=0) or its limits are not known yet. */
export function useConversationFiles(
  key: string,
  endpoints: FileEndpoints,
  limits: FileLimits | undefined,
  onStored: (message: Message) => void,
): ConversationFiles | null {
  const [uploads, setUploads] = useState<Uploads | null>(uploadsByConversation.get(key) ?? null);
  const [unavailable, setUnavailable] = useState(false);
  const items = useUploadList(uploads);
  if (!limits || limits.perConversation === 0) return null;
  const pick = (file: File) => {
    setUnavailable(false);
    loadFilesUi().then(
      (ui) => {
        let forConversation = uploadsByConversation.get(key);
        if (!forConversation) {
          forConversation = new ui.Uploads(endpoints, limits, onStored);
          uploadsByConversation.set(key, forConversation);
        }
        setUploads(forConversation);
        forConversation.add(file);
      },
      () => setUnavailable(true),
    );
  };
  return { limits, uploads, items, pick, unavailable };
}

export function FileAttach({ files, buttonClass }: { files: ConversationFiles | null; buttonClass: string }) {
  if (!files) return null;
  return <AttachButton limits={files.limits} buttonClass={buttonClass} onPick={files.pick} />;
}

export function PendingUploads({ files, buttonClass }: { files: ConversationFiles | null; buttonClass: string }) {
  const t = useT();
  const ui = useFilesUi(Boolean(files?.items.length));
  if (files?.unavailable) {
    return (
      <p class="notice notice--error" role="alert">
        {errorText(t, 'network')}
      </p>
    );
  }
  const uploads = files?.uploads;
  if (!ui || !uploads) return null;
  return (
    <ui.UploadList
      uploads={files.items}
      limits={files.limits}
      buttonClass={buttonClass}
      onRetry={(clientId) => uploads.retry(clientId)}
      onDiscard={(clientId) => uploads.discard(clientId)}
    />
  );
}
