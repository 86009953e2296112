/**
 * The latency machine translation adds to a message: a visitor's message reaches the consultant at
 * once (the same path as without translation), and its translation follows as `message.translated`
 * through the real Apertium APY on loopback. Measured one message at a time, in a conversation
 * translated English → Spanish and, for comparison, in one without translation.
 */
import { randomUUID } from 'node:crypto';
import type { ServerFrame } from '../src/shared/protocol';
import { openConsultant, openVisitor, startConversation, type BenchSocket } from './clients';
import { percentile } from './load';
import { addConsultant, login, type BenchProcess } from './server';

export interface TranslationResult {
  messages: number;
  /** Visitor sends → consultant receives the message, translation off. */
  untranslated: { p50: number; p95: number };
  /** Visitor sends → consultant receives the message, translation on (it must not wait for the engine). */
  delivered: { p50: number; p95: number };
  /** Visitor sends → consultant receives its translation. */
  translated: { p50: number; p95: number };
  /** Per message: translation received − message received. */
  added: { p50: number; p95: number };
  unavailable: number;
}

const SAMPLE_TEXTS = [
  'Hello, I need help with my residence card.',
  'When can I collect my documents at the office?',
  'My employer sent the work permit application last month.',
  'Do I need to bring my passport and a photograph?',
];

function spread(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** An English visitor and a consultant who took the conversation; translation into Spanish if asked. */
async function conversation(server: BenchProcess, cookie: string, consultant: BenchSocket, translated: boolean) {
  const name = translated ? 'Translated' : 'Plain';
  const queued = consultant.waitFor((f) => f.type === 'conversation.updated' && f.conversation.status === 'waiting' && f.conversation.visitorName === name);
  const token = await startConversation(server.baseUrl, name, 'en');
  const conversationId = ((await queued) as Extract<ServerFrame, { type: 'conversation.updated' }>).conversation.id;
  const visitor = await openVisitor(server.wsUrl, token);
  const history = consultant.waitFor((f) => f.type === 'history' && f.conversationId === conversationId);
  consultant.send({ type: 'conversation.take', conversationId });
  await history;
  if (translated) {
    const response = await fetch(`${server.baseUrl}/api/conversations/${conversationId}/translation`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ enabled: true, staffLanguage: 'es' }),
    });
    if (!response.ok) throw new Error(`turning translation on: ${response.status} ${await response.text()}`);
  }
  return { visitor, conversationId };
}

/** Sends one message; resolves with the ms until the consultant had it, and (if translated) its translation. */
async function timeOne(visitor: BenchSocket, consultant: BenchSocket, conversationId: string, body: string, translated: boolean) {
  const clientId = randomUUID();
  const started = performance.now();
  let seq = -1;
  const delivered = consultant
    .waitFor((f) => f.type === 'message' && f.conversationId === conversationId && f.message.clientId === clientId)
    .then((f) => {
      seq = (f as Extract<ServerFrame, { type: 'message' }>).message.seq;
      return performance.now() - started;
    });
  const translation = translated
    ? consultant
        .waitFor((f) => f.type === 'message.translated' && f.conversationId === conversationId && f.seq === seq, 30_000)
        .then((f) => ({ ms: performance.now() - started, status: (f as Extract<ServerFrame, { type: 'message.translated' }>).translation.status }))
    : undefined;
  visitor.send({ type: 'message.send', clientId, body });
  return { delivered: await delivered, translation: await translation };
}

export async function measureTranslation(server: BenchProcess, databaseUrl: string, messages: number): Promise<TranslationResult> {
  const cookie = await login(server.baseUrl, await addConsultant(databaseUrl, 1));
  const consultant = await openConsultant(server.wsUrl, cookie);
  try {
    const plain = await conversation(server, cookie, consultant, false);
    const translated = await conversation(server, cookie, consultant, true);
    const untranslated: number[] = [];
    const delivered: number[] = [];
    const arrived: number[] = [];
    const added: number[] = [];
    let unavailable = 0;
    for (let i = 0; i < messages; i++) {
      const body = `${SAMPLE_TEXTS[i % SAMPLE_TEXTS.length]} (${i})`;
      untranslated.push((await timeOne(plain.visitor, consultant, plain.conversationId, body, false)).delivered);
      const timed = await timeOne(translated.visitor, consultant, translated.conversationId, body, true);
      delivered.push(timed.delivered);
      if (timed.translation?.status !== 'translated') unavailable++;
      else {
        arrived.push(timed.translation.ms);
        added.push(timed.translation.ms - timed.delivered);
      }
    }
    plain.visitor.close();
    translated.visitor.close();
    return { messages, untranslated: spread(untranslated), delivered: spread(delivered), translated: spread(arrived), added: spread(added), unavailable };
  } finally {
    consultant.close();
  }
}
