import { randomUUID } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectVisitor, serverForSuite, startConversation, startServer, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const PDF_URL = '/api/conversations/current/transcript.pdf';

/** The PDF read back as a reader would: its text, whether it is tagged, its structure and language. */
async function readPdf(bytes: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  try {
    const page = await pdf.getPage(1);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
    const { info } = (await pdf.getMetadata()) as { info: { Language?: string; Title?: string } };
    return { text, markInfo: await pdf.getMarkInfo(), structTree: await page.getStructTree(), language: info.Language, title: info.Title };
  } finally {
    await pdf.destroy();
  }
}

describe.each(databaseTargets)('the PDF transcript on $engine', (target) => {
  const suiteServer = serverForSuite(target, { CONVERSATIONS_PER_MINUTE: '1000', PDF_TRANSCRIPTS_PER_MINUTE: '1000' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
    server.clock.set('2026-07-15T09:30:00Z'); // 11:30 in Warsaw (summer time)
  });

  const get = (url: string, token?: string) => server.app.server.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  async function conversationWith(bodies: string[]) {
    const started = await startConversation(server, { visitorName: `Oksana ${randomUUID().slice(0, 8)}`, language: 'uk', topic: 'residence_card' });
    const { socket } = await connectVisitor(server, started.token);
    for (const body of bodies) {
      socket.send({ type: 'message.send', clientId: randomUUID(), body });
      await socket.next('ack');
    }
    return started;
  }

  it('is a tagged PDF in the visitor language, with the messages, their times and the office time zone', async () => {
    const started = await conversationWith(['Де моя карта побиту?', 'გამარჯობა, მაქვს კითხვა ბინადრობის ბარათზე.']);

    const response = await get(`${PDF_URL}?lang=uk`, started.token);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="e-konsultant-2026-07-15.pdf"');
    expect(response.headers['cache-control']).toBe('no-store');

    const pdf = await readPdf(response.rawPayload);
    expect(pdf.text).toContain('Запис консультації');
    expect(pdf.text).toContain('Увесь час вказано за часом установи (часовий пояс Europe/Warsaw).');
    expect(pdf.text).toContain(`[11:30] ${started.conversation.visitorName}: Де моя карта побиту?`);
    expect(pdf.text).toContain('გამარჯობა, მაქვს კითხვა ბინადრობის ბარათზე.');
    expect(pdf.markInfo).toMatchObject({ Marked: true });
    expect(pdf.structTree).not.toBeNull();
    expect(JSON.stringify(pdf.structTree)).toMatch(/"role":"Document".*"role":"H1".*"role":"L".*"role":"LI"/);
    expect(pdf.language).toBe('uk');
    expect(pdf.title).toContain('Запис консультації');
    // The viewer shows the title, not the file name (PDF/UA).
    expect(response.rawPayload.toString('latin1')).toMatch(/\/DisplayDocTitle true/);
  });

  it('follows the requested language, here Georgian', async () => {
    const started = await conversationWith(['Дякую']);
    const pdf = await readPdf((await get(`${PDF_URL}?lang=ka`, started.token)).rawPayload);
    expect(pdf.language).toBe('ka');
    expect(pdf.text).toContain('ყველა დრო მითითებულია უწყების დროით (Europe/Warsaw).');
    expect(pdf.text).toContain('Дякую');
  });

  it("is refused without the visitor's token, and to another visitor's token", async () => {
    const mine = await conversationWith(['Тільки моє']);
    const other = await startConversation(server);
    expect((await get(PDF_URL)).statusCode).toBe(404);
    const theirs = await get(PDF_URL, other.token);
    expect(theirs.statusCode).toBe(200);
    expect((await readPdf(theirs.rawPayload)).text).not.toContain('Тільки моє');
    const wrong = await get(PDF_URL, 'B'.repeat(43));
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().code).toBe('conversation_not_found');
    expect((await get(`${PDF_URL}?token=${mine.token}`)).json().code).toBe('conversation_not_found');
  });

  it('limits how many PDFs one address may take per minute', async () => {
    const database = await target.create();
    const limited = await startServer(database.url, { PDF_TRANSCRIPTS_PER_MINUTE: '1' });
    try {
      const started = await startConversation(limited);
      const take = () => limited.app.server.inject({ method: 'GET', url: PDF_URL, headers: { authorization: `Bearer ${started.token}` } });
      expect((await take()).statusCode).toBe(200);
      const refused = await take();
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('rate_limited');
    } finally {
      await limited.close();
      await database.drop();
    }
  });
});
