import { describe, expect, it } from 'vitest';
import { composeMail } from '../../../src/server/mail/compose';
import { retryDelayMs } from '../../../src/server/mail/outbox';

describe('composeMail', () => {
  const mail = composeMail({
    to: 'visitor@example.org',
    language: 'pl',
    subject: 'Odpowiedź (EK-2345-6789)',
    deskName: 'e-Konsultant',
    blocks: [
      { kind: 'heading', text: 'Nagłówek' },
      { kind: 'field', label: 'Numer', value: 'EK-2345-6789' },
      { kind: 'quote', label: 'Odpowiedź:', text: 'Linia 1\n<script>alert("x")</script> & "cudzysłów"' },
      { kind: 'link', label: 'Strona:', url: 'https://konsultant.example/message#abc"def' },
    ],
  });

  it('writes the same content as plain text, with quoted lines and the link in full', () => {
    expect(mail.text).toContain('Numer: EK-2345-6789');
    expect(mail.text).toContain('Odpowiedź:\n> Linia 1\n> <script>alert("x")</script> & "cudzysłów"');
    expect(mail.text).toContain('Strona:\nhttps://konsultant.example/message#abc"def');
    expect(mail.text).toContain('-- \nTen e-mail został wysłany automatycznie przez e-Konsultant.');
  });

  it('escapes everything in the HTML and names its language', () => {
    expect(mail.html).toContain('<html lang="pl" dir="ltr">');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;cudzysłów&quot;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('href="https://konsultant.example/message#abc&quot;def"');
  });

  it('loads nothing from elsewhere', () => {
    expect(mail.html).not.toMatch(/<img|<link|src=|url\(/i);
  });

  it('runs right to left in Arabic, with the rule of a quote on the right and the footer in Arabic', () => {
    const arabic = composeMail({
      to: 'visitor@example.org',
      language: 'ar',
      subject: 'رد',
      deskName: 'e-Konsultant',
      blocks: [{ kind: 'quote', label: 'الرد:', text: 'نص' }],
    });
    expect(arabic.html).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.html).toContain('border-right:3px solid #888');
    expect(arabic.text).toContain('أُرسلت هذه الرسالة تلقائيًا من e-Konsultant.');
    expect(mail.html).toContain('<html lang="pl" dir="ltr">');
  });
});

describe('retryDelayMs', () => {
  it('doubles from a minute up to an hour', () => {
    expect([1, 2, 3, 6, 7, 8, 50].map((attempts) => retryDelayMs(attempts) / 60_000)).toEqual([1, 2, 4, 32, 60, 60, 60]);
  });
});
