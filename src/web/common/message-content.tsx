import type { Message } from '../../shared/protocol';
import { Attachment } from './attachments/attachment';
import { Linkified } from './linkify';

/** What a message says: its file, or its text with links made clickable (both apps' timelines). */
export function MessageContent({ message }: { message: Pick<Message, 'attachment' | 'body'> }) {
  return message.attachment ? (
    <Attachment attachment={message.attachment} />
  ) : (
    <p class="message-body">
      <Linkified text={message.body} />
    </p>
  );
}
