import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { renderTranscriptPdf } from '../../../src/server/conversations/transcript-pdf';

async function textOf(bytes: Buffer): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const content = await (await pdf.getPage(1)).getTextContent();
  await pdf.destroy();
  return content.items.map((item) => ('str' in item ? item.str : ''));
}

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
