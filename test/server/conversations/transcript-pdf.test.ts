import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { renderTranscriptPdf } from '../../../src/server/conversations/transcript-pdf';

async function textOf(bytes: Buffer, pageNumber = 1): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const content = await (await pdf.getPage(pageNumber)).getTextContent();
  await pdf.destroy();
  return content.items.map((item) => ('str' in item ? item.str : ''));
}

describe('renderTranscriptPdf over several pages', () => {
  it('carries on onto new pages, each tagged, with long words cut to the width', async () => {
    const entries = Array.from({ length: 70 }, (_, i) => ({ time: '11:05', author: 'Olena', text: `Wiadomość ${i}\ndruga linia` }));
    entries.push({ time: '11:06', author: 'Olena', text: `${'x'.repeat(300)} Wiadomość 70` });
    const bytes = await renderTranscriptPdf({ language: 'pl', direction: 'ltr', title: 'Zapis konsultacji', header: [], entries }, 'e-Konsultant');
    const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
    const pages = pdf.numPages;
    const last = await pdf.getPage(pages);
    expect(pages).toBeGreaterThan(1);
    expect(await last.getStructTree()).not.toBeNull();
    // A4 less both margins of 56 pt: no line runs past the text block.
    const widths = (await last.getTextContent()).items.map((item) => ('width' in item ? item.width : 0));
    expect(Math.max(...widths)).toBeLessThanOrEqual(595.28 - 2 * 56);
    await pdf.destroy();
    expect((await textOf(bytes, pages)).join(' ')).toContain('Wiadomość 70');
  });
});

describe('renderTranscriptPdf in Arabic', () => {
  const [FSI, PDI] = ['\u2068', '\u2069'];

  it('keeps the words of a right-to-left line in reading order around a Latin name, without the invisible isolates', async () => {
    const pdf = await renderTranscriptPdf(
      {
        language: 'ar',
        direction: 'rtl',
        title: `نص الاستشارة — ${FSI}e-Konsultant${PDI}`,
        header: ['جميع الأوقات بتوقيت المكتب (Europe/Warsaw).'],
        entries: [{ time: '11:05', author: `${FSI}Anna Nowak${PDI} (مستشار)`, text: 'مرحبًا، كيف يمكنني مساعدتك؟' }],
      },
      'e-Konsultant',
    );
    const text = (await textOf(pdf)).join(' ');
    // pdf.js reads each run back in logical order: word by word, pdfkit alone would have kept them reversed.
    expect(text).toContain('مرحبًا، كيف يمكنني مساعدتك؟');
    expect(text).toContain('Anna Nowak');
    expect(text).toContain('11:05');
    expect(text).not.toMatch(/[\u2066-\u2069]/);
  });
});
