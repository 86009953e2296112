/** The e-mails about a left message, in the language the visitor wrote it in. */
import type { UiLanguage } from '../../shared/languages';
import { translator } from '../i18n';
import { composeMail } from '../mail/compose';
import type { Mail } from '../mail/mailer';

interface MailContext {
  to: string;
  language: UiLanguage;
  reference: string;
  deskName: string;
}

/** The private page, in the message's language; the token is in the fragment, which browsers send to no server. */
export function privateLink(publicUrl: string, token: string, language: UiLanguage): string {
  return `${publicUrl}/message?lang=${language}#${token}`;
}

/** It does not repeat the message: the form would otherwise carry anyone's text to any address. */
export function confirmationMail({ to, language, reference, deskName }: MailContext, link: string): Mail {
  const t = translator(language, 'mail');
  return composeMail({
    to,
    language,
    deskName,
    subject: t('leftMessage.confirmation.subject', { reference }),
    blocks: [
      { kind: 'heading', text: t('leftMessage.confirmation.heading') },
      { kind: 'paragraph', text: t('leftMessage.confirmation.body') },
      { kind: 'field', label: t('leftMessage.confirmation.reference'), value: reference },
      { kind: 'link', label: t('leftMessage.confirmation.link'), url: link },
      { kind: 'paragraph', text: t('leftMessage.confirmation.private') },
    ],
  });
}

export function answerMail({ to, language, reference, deskName }: MailContext, answer: string): Mail {
  const t = translator(language, 'mail');
  return composeMail({
    to,
    language,
    deskName,
    subject: t('leftMessage.answer.subject', { reference }),
    blocks: [
      { kind: 'heading', text: t('leftMessage.answer.heading') },
      { kind: 'field', label: t('leftMessage.answer.reference'), value: reference },
      { kind: 'quote', label: t('leftMessage.answer.answer'), text: answer },
      { kind: 'paragraph', text: t('leftMessage.answer.onPage') },
    ],
  });
}
