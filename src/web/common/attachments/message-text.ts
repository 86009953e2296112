import type { Message } from '../../../shared/protocol';
import type { Translate } from '../i18n';

/** What a message says in one line (announcements, previews): its text, or which file it carries. */
export function messageText(t: Translate, message: Pick<Message, 'body' | 'attachment'>): string {
  return message.attachment ? t('common:attachments.fileText', { name: message.attachment.name }) : message.body;
}
