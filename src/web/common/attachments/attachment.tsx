import type { ComponentChildren } from 'preact';
import type { Attachment as AttachmentData } from '../../../shared/protocol';
import { useT } from '../i18n';
import { FileEndpointsContext } from './context';
import type { FileEndpoints } from './endpoints';
import { useFilesUi } from './lazy';
import { messageText } from './message-text';

/** Around a conversation's messages: where this side fetches their files. */
export function AttachmentsProvider({ endpoints, children }: { endpoints: FileEndpoints; children: ComponentChildren }) {
  return <FileEndpointsContext.Provider value={endpoints}>{children}</FileEndpointsContext.Provider>;
}

/** A file in a message; its name stands in while the view's code loads. */
export function Attachment({ attachment }: { attachment: AttachmentData }) {
  const t = useT();
  const ui = useFilesUi(true);
  if (ui) return <ui.AttachmentView attachment={attachment} />;
  return <p class="message-body">{messageText(t, { body: '', attachment })}</p>;
}
