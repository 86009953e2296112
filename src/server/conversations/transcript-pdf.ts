/**
 * The transcript as an accessible PDF: tagged (a structure tree a screen reader follows: the
 * document, its heading, the header paragraphs, one list item per message), its language set, its
 * title shown instead of the file name. DejaVu Sans is embedded: one font for every visitor
 * language's script (Latin, Cyrillic, Georgian, Arabic, Vietnamese).
 *
 * pdfkit draws text left to right and knows no bidi. So lines are broken here, and each line is put
 * in visual order with the Unicode bidi algorithm (bidi-js): runs of one direction, laid out from the
 * left. A right-to-left run that holds Arabic (or Hebrew) letters goes to fontkit in logical order,
 * which shapes it (joining forms) and reverses it itself; a right-to-left run of only neutrals
 * (spaces, punctuation) has no script for fontkit to reverse, so it is given already reversed.
 */
import { createRequire } from 'node:module';
import bidiFactory from 'bidi-js';
import type { TranscriptContent } from './transcript';

const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const bidi = bidiFactory();

const MARGIN = 56;
const SIZE = 11;
const TITLE_SIZE = 16;
/** Continuation lines of a message are indented, as in the plain text. */
const INDENT = 18;

/**
 * Any `features` make pdfkit lay a run out in one go: without them it shapes word by word, and a
 * right-to-left run's words would come out in logical order. Only those runs need it: word by word
 * is what pdfkit caches, and a long left-to-right transcript would take seconds without.
 */
const WHOLE_RUN = { features: [] };

export async function renderTranscriptPdf(content: TranscriptContent, deskName: string): Promise<Buffer> {
  // Loaded on the first PDF only: the server starts without it.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    font: REGULAR,
    tagged: true,
    lang: content.language,
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: content.title, Author: deskName, Creator: 'e-Konsultant' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const rtl = content.direction === 'rtl';
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  let y = doc.page.margins.top;

  /** Draws one paragraph's lines into `element`, one marked content per line so a page break may fall between them. */
  const paragraph = (element: PDFKit.PDFStructureElement, text: string, options: { font: string; size: number; indent?: number }) => {
    doc.font(options.font).fontSize(options.size);
    const lineHeight = doc.currentLineHeight(true);
    text.split('\n').forEach((logicalLine, index) => {
      const indent = index === 0 ? 0 : (options.indent ?? 0);
      for (const line of wrap(doc, logicalLine, width - indent)) {
        if (y + lineHeight > doc.page.height - doc.page.margins.bottom) {
          doc.addPage();
          y = doc.page.margins.top;
        }
        const runs = visualRuns(line, content.direction).map((run) => {
          const layout = run.rightToLeft ? WHOLE_RUN : {};
          return { ...run, layout, width: doc.widthOfString(run.text, layout) };
        });
        const lineWidth = runs.reduce((sum, run) => sum + run.width, 0);
        let x = rtl ? left + width - indent - lineWidth : left + indent;
        const marked = doc.markStructureContent('Span');
        for (const run of runs) {
          doc.text(run.text, x, y, { ...run.layout, lineBreak: false });
          x += run.width;
        }
        doc.endMarkedContent();
        element.add(marked);
        y += lineHeight;
      }
    });
  };

  const root = doc.struct('Document');
  doc.addStructure(root);

  const heading = doc.struct('H1');
  root.add(heading);
  paragraph(heading, content.title, { font: BOLD, size: TITLE_SIZE });
  heading.end();
  y += SIZE / 2;

  for (const line of content.header) {
    const element = doc.struct('P');
    root.add(element);
    paragraph(element, line, { font: REGULAR, size: SIZE });
    element.end();
  }
  y += SIZE;

  const list = doc.struct('L');
  root.add(list);
  for (const entry of content.entries) {
    const item = doc.struct('LI');
    list.add(item);
    const body = doc.struct('LBody');
    item.add(body);
    paragraph(body, `[${entry.time}] ${entry.author}: ${entry.text}`, { font: REGULAR, size: SIZE, indent: INDENT });
    body.end();
    item.end();
    y += SIZE / 3;
  }
  list.end();
  root.end();
  doc.end();
  return done;
}

/** Breaks a logical line at spaces into lines no wider than `width` (a word longer than that is cut). */
function wrap(doc: PDFKit.PDFDocument, line: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(/(?<= )/)) {
    const candidate = current + word;
    if (current === '' || doc.widthOfString(candidate.trimEnd()) <= width) {
      current = candidate;
      continue;
    }
    lines.push(current.trimEnd());
    current = word;
  }
  lines.push(current.trimEnd());
  return lines.flatMap((part) => cutLongWord(doc, part, width));
}

function cutLongWord(doc: PDFKit.PDFDocument, line: string, width: number): string[] {
  if (doc.widthOfString(line) <= width) return [line];
  const characters = [...line];
  // The longest head that fits (at least one character), found by halving.
  let [fits, tooLong] = [1, characters.length];
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (doc.widthOfString(characters.slice(0, middle).join('')) <= width) fits = middle;
    else tooLong = middle;
  }
  return [characters.slice(0, fits).join(''), ...cutLongWord(doc, characters.slice(fits).join(''), width)];
}

/** A line's runs of one direction, left to right as they are seen; each run's text as fontkit wants it (see above). */
function visualRuns(line: string, direction: 'rtl' | 'ltr'): { text: string; rightToLeft: boolean }[] {
  if (line === '') return [];
  const embedding = bidi.getEmbeddingLevels(line, direction);
  const mirrored = bidi.getMirroredCharactersMap(line, embedding.levels);
  const order = bidi.getReorderedIndices(line, embedding);
  // Consecutive in both orders and of one level: a run fontkit lays out in one go.
  const runs: { level: number; indices: number[] }[] = [];
  for (const index of order) {
    const level = embedding.levels[index]!;
    const last = runs.at(-1);
    if (last && last.level === level && Math.abs(last.indices.at(-1)! - index) === 1) last.indices.push(index);
    else runs.push({ level, indices: [index] });
  }
  return runs.map(({ level, indices }) => {
    const logical = [...indices]
      .sort((a, b) => a - b)
      .map((index) => mirrored.get(index) ?? line[index]!)
      // The isolates around names have done their work in the levels; the font has no glyph for them.
      .filter((character) => !FORMATTING.has(bidi.getBidiCharTypeName(character)))
      .join('');
    if (level % 2 === 0) return { text: logical, rightToLeft: false };
    const hasLetters = [...logical].some((character) => STRONG_RTL.has(bidi.getBidiCharTypeName(character)));
    return hasLetters ? { text: logical, rightToLeft: true } : { text: [...logical].reverse().join(''), rightToLeft: false };
  }).filter((run) => run.text !== '');
}

const STRONG_RTL: ReadonlySet<string> = new Set(['R', 'AL']);
const FORMATTING: ReadonlySet<string> = new Set(['LRI', 'RLI', 'FSI', 'PDI', 'LRE', 'RLE', 'LRO', 'RLO', 'PDF']);
