import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationMessage } from '../../../src/server/conversations/types';
import { renderTranscript, type TranscriptInput } from '../../../src/server/conversations/transcript';

const CONVERSATION_ID = '0b4f6a53-3f2e-4c8e-9a57-6f1d2c1e7a10';

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: CONVERSATION_ID,
    desk_id: 'desk-1',
    visitor_token_hash: 'hash',
    language: 'pl',
    topic: 'work',
    visitor_name: 'Olena',
    status: 'closed',
    assignee_id: 'staff-1',
    assignee_name: 'Anna Nowak',
    created_at: '2026-01-14T10:00:00.000Z',
    waiting_since: null,
    assigned_at: '2026-01-14T10:02:00.000Z',
    first_reply_at: '2026-01-14T10:05:00.000Z',
    closed_at: '2026-01-14T10:30:00.000Z',
    outcome: 'answered',
    last_seq: 1,
    booking_id: null,
    call_kind: null,
    staff_read_seq: 0,
    visitor_time_zone: null,
    device_hash: null,
    network_hash: null,
    spoken_language: null,
    participants: [],
    ...overrides,
  };
}

let seq = 0;
function message(overrides: Partial<ConversationMessage> = {}): ConversationMessage {
  seq += 1;
  return {
    conversation_id: CONVERSATION_ID,
    seq,
    client_id: null,
    author: 'visitor',
    author_id: null,
    author_name: null,
    body: '',
    event: null,
    created_at: '2026-01-14T10:05:00.000Z',
    attachment_id: null,
    attachment: null,
    ...overrides,
  };
}

const fromVisitor = (body: string, created_at: string) => message({ author: 'visitor', body, created_at });
const fromStaff = (name: string, body: string, created_at: string) =>
  message({ author: 'staff', author_id: 'staff-1', author_name: name, body, created_at });
const systemEvent = (event: NonNullable<ConversationMessage['event']>, created_at: string, author_name: string | null = null) =>
  message({ author: 'system', event, author_name, body: '', created_at });

function transcript(overrides: Partial<TranscriptInput> = {}): string {
  return renderTranscript({
    deskName: 'e-Konsultant Mazowiecki',
    timeZone: 'Europe/Warsaw',
    language: 'pl',
    topicName: 'Praca: zezwolenia, oświadczenia, zmiana lub utrata pracy',
    conversation: conversation(),
    messages: [
      systemEvent('conversation_started', '2026-01-14T10:00:00.000Z'),
      systemEvent('consultant_joined', '2026-01-14T10:02:00.000Z', 'Anna Nowak'),
      fromVisitor('Dzień dobry, mam pytanie o zezwolenie.', '2026-01-14T10:03:00.000Z'),
      fromStaff('Anna Nowak', 'Dzień dobry, proszę pytać.', '2026-01-14T10:05:00.000Z'),
    ],
    ...overrides,
  });
}

const lines = (text: string) => text.split('\n');

describe('renderTranscript in Polish', () => {
  const text = transcript();

  it("starts with the desk name, start time, the topic's name and time zone", () => {
    const [title, started, topic, timeZone, blank] = lines(text);
    expect(title).toBe('Zapis konsultacji — e-Konsultant Mazowiecki');
    expect(started).toMatch(/^Rozpoczęto: 14 sty 2026, 11:00$/);
    expect(topic).toBe('Temat: Praca: zezwolenia, oświadczenia, zmiana lub utrata pracy');
    expect(timeZone).toBe('Wszystkie godziny podano według czasu urzędu (strefa Europe/Warsaw).');
    expect(blank).toBe('');
  });

  it('writes one line per message with its Warsaw time, author and text', () => {
    expect(lines(text).slice(5)).toEqual([
      '[11:00] e-Konsultant: Rozmowa rozpoczęta. Prosimy czekać na konsultanta.',
      '[11:02] e-Konsultant: Anna Nowak (konsultant) dołącza do rozmowy.',
      '[11:03] Olena: Dzień dobry, mam pytanie o zezwolenie.',
      '[11:05] Anna Nowak (Konsultant): Dzień dobry, proszę pytać.',
      '',
    ]);
  });

  it('calls a visitor without a name "Rozmówca"', () => {
    const anonymous = transcript({
      conversation: conversation({ visitor_name: null }),
      messages: [fromVisitor('Pytanie', '2026-01-14T10:05:00.000Z')],
    });
    expect(anonymous).toContain('[11:05] Rozmówca: Pytanie\n');
  });

  it('shows summer times two hours ahead of UTC', () => {
    const summer = transcript({
      conversation: conversation({ created_at: '2026-07-14T10:00:00.000Z' }),
      messages: [fromVisitor('Latem', '2026-07-14T10:05:00.000Z')],
    });
    expect(summer).toMatch(/^Rozpoczęto: 14 lip 2026, 12:00$/m);
    expect(summer).toContain('[12:05] Olena: Latem\n');
  });

  it('indents the continuation lines of a multi-line message', () => {
    const multiLine = transcript({
      messages: [fromStaff('Anna Nowak', 'Proszę przynieść:\n- paszport\r\n- zdjęcie', '2026-01-14T10:05:00.000Z')],
    });
    expect(multiLine).toContain(
      '[11:05] Anna Nowak (Konsultant): Proszę przynieść:\n    - paszport\n    - zdjęcie\n',
    );
  });

  it('keeps message text exactly as written, markup and braces included', () => {
    const verbatim = transcript({
      conversation: conversation({ visitor_name: '<i>Ola</i>' }),
      messages: [
        fromVisitor('<b>x</b> & {{desk}} $t(author.visitor) &amp;', '2026-01-14T10:05:00.000Z'),
        systemEvent('consultant_joined', '2026-01-14T10:06:00.000Z', '<b>Anna</b> {{desk}}'),
      ],
    });
    expect(verbatim).toContain('[11:05] <i>Ola</i>: <b>x</b> & {{desk}} $t(author.visitor) &amp;\n');
    expect(verbatim).toContain('[11:06] e-Konsultant: <b>Anna</b> {{desk}} (konsultant) dołącza do rozmowy.\n');
  });

  it('names a file sent in the conversation', () => {
    const attachment = { id: 'f1', name: 'paszport.pdf', content_type: 'application/pdf' as const, size: 1000, width: null, height: null };
    const withFile = transcript({ messages: [message({ author: 'visitor', attachment_id: 'f1', attachment, created_at: '2026-01-14T10:05:00.000Z' })] });
    expect(withFile).toContain('[11:05] Olena: [plik: paszport.pdf]\n');
  });
});

describe('renderTranscript in Ukrainian', () => {
  const text = transcript({
    language: 'uk',
    topicName: 'Карта побиту: видача, заміна, отримання, втрата',
    conversation: conversation({ language: 'uk', visitor_name: null, topic: 'residence_card' }),
    messages: [
      systemEvent('conversation_started', '2026-01-14T10:00:00.000Z'),
      systemEvent('consultant_joined', '2026-01-14T10:02:00.000Z', 'Anna Nowak'),
      fromVisitor('Добрий день!\nУ мене питання.', '2026-01-14T10:03:00.000Z'),
      fromStaff('Anna Nowak', 'Добрий день.', '2026-07-14T10:05:00.000Z'),
      systemEvent('conversation_closed', '2026-07-14T10:30:00.000Z'),
    ],
  });

  it("has a Ukrainian header with the desk name and the topic's name", () => {
    const [title, started, topic, timeZone] = lines(text);
    expect(title).toBe('Запис консультації — e-Konsultant Mazowiecki');
    expect(started).toMatch(/^Початок: 14 січ\. 2026 р\., 11:00$/);
    expect(topic).toBe('Тема: Карта побиту: видача, заміна, отримання, втрата');
    expect(timeZone).toBe('Увесь час вказано за часом установи (часовий пояс Europe/Warsaw).');
  });

  it('writes the messages in Ukrainian, with Warsaw times in winter and summer', () => {
    expect(lines(text).slice(5)).toEqual([
      '[11:00] e-Konsultant: Розмову розпочато. Будь ласка, зачекайте на консультанта.',
      '[11:02] e-Konsultant: Anna Nowak (консультант) приєднується до розмови.',
      '[11:03] Відвідувач: Добрий день!',
      '    У мене питання.',
      '[12:05] Anna Nowak (Консультант): Добрий день.',
      '[12:30] e-Konsultant: Консультант завершує розмову.',
      '',
    ]);
  });
});

describe('renderTranscript in Arabic', () => {
  const text = transcript({
    language: 'ar',
    topicName: 'العمل: التصاريح والإقرارات وتغيير العمل أو فقدانه',
    conversation: conversation({ language: 'ar', visitor_name: null }),
    messages: [
      systemEvent('consultant_joined', '2026-01-14T10:02:00.000Z', 'Anna Nowak'),
      fromStaff('Anna Nowak', 'مرحبًا', '2026-01-14T10:05:00.000Z'),
    ],
  });
  const [FSI, PDI] = ['\u2068', '\u2069'];

  it('writes the header and system texts in Arabic', () => {
    const [title, , topic] = lines(text);
    expect(title).toBe(`نص الاستشارة — ${FSI}e-Konsultant Mazowiecki${PDI}`);
    expect(topic).toBe('الموضوع: العمل: التصاريح والإقرارات وتغيير العمل أو فقدانه');
  });

  it('isolates the Latin-script names inside the right-to-left lines', () => {
    expect(text).toContain(`e-Konsultant: انضم ${FSI}Anna Nowak${PDI} (مستشار) إلى المحادثة.`);
    expect(text).toContain(`${FSI}Anna Nowak${PDI} (المستشار): مرحبًا`);
  });
});

describe('renderTranscript with calls', () => {
  const callEnded = (record: object, created_at: string) =>
    message({ author: 'system', event: 'call_ended', author_name: 'Anna Nowak', body: JSON.stringify(record), created_at });

  it('writes each call as one line: kind, who started it, Warsaw times and duration, or that nobody answered', () => {
    const text = transcript({
      language: 'en',
      messages: [
        callEnded(
          { kind: 'video', startedBy: 'staff', startedByName: 'Anna Nowak', outcome: 'answered', endReason: 'dropped', startedAt: '2026-01-14T10:06:00.000Z', answeredAt: '2026-01-14T10:06:10.000Z', endedAt: '2026-01-14T10:09:15.000Z', durationSeconds: 185 },
          '2026-01-14T10:09:15.000Z',
        ),
        callEnded(
          { kind: 'voice', startedBy: 'visitor', startedByName: null, outcome: 'missed', endReason: 'missed', startedAt: '2026-01-14T10:20:00.000Z', answeredAt: null, endedAt: '2026-01-14T10:20:30.000Z', durationSeconds: 0 },
          '2026-01-14T10:20:30.000Z',
        ),
      ],
    });
    expect(lines(text).slice(5, 7)).toEqual([
      '[11:09] e-Konsultant: Video call started by Anna Nowak: 11:06–11:09, duration 3:05. The connection was lost.',
      '[11:20] e-Konsultant: Voice call from the visitor at 11:20 was not answered.',
    ]);
  });
});
