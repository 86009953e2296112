/**
 * The visitor's copy of the conversation: in their language, every time in the office's time zone
 * (said once at the top), messages as they were written. `transcriptContent` says what it holds;
 * `renderTranscript` lays it out as plain text, transcript-pdf.ts as a tagged PDF.
 */
import { textDirection, type UiLanguage } from '../../shared/languages';
import { callRecordText } from '../../shared/call-record';
import { translator } from '../i18n';
import { storedCallRecord } from './mappers';
import type { Conversation, ConversationMessage } from './types';

export interface TranscriptInput {
  deskName: string;
  timeZone: string;
  language: UiLanguage;
  /** The conversation's topic as the office names it in `language`. */
  topicName: string;
  conversation: Conversation;
  messages: readonly ConversationMessage[];
}

/** The conversation's start date in the office's time zone, for the file name (YYYY-MM-DD). */
export function transcriptDate(startedAt: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(startedAt));
}

/** One message of the transcript: its time (office time), who wrote it, and its text (lines split by \n). */
export interface TranscriptEntry {
  time: string;
  author: string;
  text: string;
}

/** What a transcript says, before it is laid out as plain text or as a PDF. */
export interface TranscriptContent {
  language: UiLanguage;
  direction: 'rtl' | 'ltr';
  title: string;
  /** Start time, topic and the time zone every time is in. */
  header: string[];
  entries: TranscriptEntry[];
}

export function transcriptContent(input: TranscriptInput): TranscriptContent {
  const t = translator(input.language);
  const direction = textDirection(input.language);
  const dateTime = new Intl.DateTimeFormat(input.language, {
    timeZone: input.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  });
  const time = new Intl.DateTimeFormat(input.language, { timeZone: input.timeZone, timeStyle: 'short', hourCycle: 'h23' });
  const at = (iso: string) => time.format(new Date(iso));
  // Plain text has no <bdi>: in a right-to-left transcript a name (often Latin script) is wrapped
  // in the Unicode isolates FSI…PDI, so its direction cannot reorder the Arabic around it.
  const isolate = direction === 'rtl' ? (name: string) => `\u2068${name}\u2069` : (name: string) => name;

  const author = (m: ConversationMessage) => {
    if (m.author === 'visitor') return input.conversation.visitor_name === null ? t('author.visitor') : isolate(input.conversation.visitor_name);
    if (m.author === 'staff') return `${isolate(m.author_name ?? '')} (${t('author.consultant')})`;
    return t('author.system');
  };
  const text = (m: ConversationMessage) => {
    const call = storedCallRecord(m);
    if (call) return callRecordText(t, call, at);
    if (m.event) return t(`system.${m.event}`, { name: isolate(m.author_name ?? '') });
    return m.attachment ? t('transcript.file', { name: m.attachment.name }) : m.body;
  };
  // A machine translation is kept under the original, labelled, so the record shows what each side read.
  const translation = (m: ConversationMessage) => {
    if (!m.translation) return '';
    const label = t('translation.transcript', { from: m.translation.from, to: m.translation.to });
    return `\n[${label}] ${m.translation.text ?? t('translation.unavailable')}`;
  };

  return {
    language: input.language,
    direction,
    title: t('transcript.title', { desk: isolate(input.deskName) }),
    header: [
      t('transcript.started', { time: dateTime.format(new Date(input.conversation.created_at)) }),
      t('transcript.topic', { topic: input.topicName }),
      t('transcript.timeZone', { timeZone: input.timeZone }),
    ],
    entries: input.messages.map((m) => ({ time: at(m.created_at), author: author(m), text: (text(m) + translation(m)).replace(/\r\n?/g, '\n') })),
  };
}

export function renderTranscript(input: TranscriptInput): string {
  const content = transcriptContent(input);
  const lines = content.entries.map((entry) => `[${entry.time}] ${entry.author}: ${entry.text.replace(/\n/g, '\n    ')}`);
  return [content.title, ...content.header, '', ...lines, ''].join('\n');
}
