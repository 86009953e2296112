import { renderTranscriptPdf } from './src/server/conversations/transcript-pdf';
const entries = Array.from({ length: 200 }, (_, i) => ({ time: '11:05', author: 'Anna Nowak (Konsultant)', text: `Wiadomość ${i}: ` + 'Dzień dobry, proszę przynieść paszport i zdjęcie. '.repeat(3) }));
for (const n of [1, 200, 1, 200]) {
  const t0 = performance.now();
  await renderTranscriptPdf({ language: 'pl', direction: 'ltr', title: 'Zapis', header: ['a'], entries: entries.slice(0, n) }, 'Desk');
  console.log(n, Math.round(performance.now() - t0), 'ms');
}
