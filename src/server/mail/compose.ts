/**
 * Builds an e-mail in plain text and simple HTML from the same blocks, in the visitor's language.
 * HTML is escaped, has no remote images, styles from elsewhere or tracking; links are shown as
 * written so the reader sees where they lead. Strings live in the `mail` locale namespace.
 */
import { textDirection, type UiLanguage } from '../../shared/languages';
import { translator } from '../i18n';
import type { Mail, MailAttachment } from './mailer';

export type MailBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Text the reader should be able to copy, e.g. a reference. */
  | { kind: 'field'; label: string; value: string }
  /** Longer text written by a person (an answer), kept with its line breaks. */
  | { kind: 'quote'; label: string; text: string }
  | { kind: 'link'; label: string; url: string };

export interface MailContent {
  to: string;
  language: UiLanguage;
  /** Never personal data. */
  subject: string;
  blocks: MailBlock[];
  /** The desk's name, signed at the foot of the mail. */
  deskName: string;
  attachments?: MailAttachment[];
}

export function composeMail({ to, language, subject, blocks, deskName, attachments }: MailContent): Mail {
  const footer = translator(language, 'mail')('footer', { desk: deskName });
  return {
    to,
    subject,
    text: [...blocks.map(blockText), `-- \n${footer}`].join('\n\n') + '\n',
    html: htmlDocument(language, subject, blocks, footer),
    ...(attachments && { attachments }),
  };
}

function blockText(block: MailBlock): string {
  switch (block.kind) {
    case 'heading':
      return block.text;
    case 'paragraph':
      return block.text;
    case 'field':
      return `${block.label}: ${block.value}`;
    case 'quote':
      return `${block.label}\n${block.text
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')}`;
    case 'link':
      return `${block.label}\n${block.url}`;
  }
}

/** `start` is the side a line starts on: left, or right in a right-to-left language. */
function blockHtml(block: MailBlock, start: 'left' | 'right'): string {
  switch (block.kind) {
    case 'heading':
      return `<h1 style="font-size:1.25em">${escapeHtml(block.text)}</h1>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'field':
      return `<p>${escapeHtml(block.label)}: <strong>${escapeHtml(block.value)}</strong></p>`;
    case 'quote':
      return `<p>${escapeHtml(block.label)}</p><blockquote style="margin:0 0 1em;padding-${start}:1em;border-${start}:3px solid #888;white-space:pre-wrap">${escapeHtml(block.text)}</blockquote>`;
    case 'link':
      return `<p>${escapeHtml(block.label)}<br><a href="${escapeHtml(block.url)}">${escapeHtml(block.url)}</a></p>`;
  }
}

/** Mail clients handle `dir` but many not logical CSS properties, so the quote's side is physical. */
function htmlDocument(language: UiLanguage, subject: string, blocks: MailBlock[], footer: string): string {
  const dir = textDirection(language);
  return [
    '<!doctype html>',
    `<html lang="${language}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;max-width:40em">',
    ...blocks.map((block) => blockHtml(block, dir === 'rtl' ? 'right' : 'left')),
    `<hr><p style="font-size:0.9em">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
