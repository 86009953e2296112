/**
 * Files in a conversation, in real Chromium against a real server process: the visitor attaches
 * a photo, the consultant sees its thumbnail and downloads it without its GPS position; refused
 * files say what is accepted and why in the visitor's language, with "try again" only where
 * another attempt may pass; both pages stay axe-clean with files in them.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { html, jpegWithGps, pdf } from '../test/fixtures/files/make';
import { axeViolations, describeInChromium } from './support/browser';
import { setUpDesk, takeNewest } from './support/desk';

const MAX_BYTES = 250_000;

describeInChromium('files in the conversation', () => {
  const desk = setUpDesk({ FILE_MAX_BYTES: String(MAX_BYTES) });
  const { newPage, startAsVisitor, signInConsultant } = desk;

  it('sends a visitor’s photo to the consultant as a thumbnail, downloadable without its GPS data, and a PDF back', async () => {
    const visitor = await newPage({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    const consultant = await newPage({ bypassCSP: true, acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    await signInConsultant(consultant, 'Anna');
    await startAsVisitor(visitor, { name: 'Oksana' });
    await takeNewest(consultant);

    const photo = await jpegWithGps(640, 480);
    await visitor.getByTestId('attach-input').setInputFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: photo });

    const ownThumbnail = visitor.getByTestId('message-list').getByRole('img', { name: 'passport.jpg' });
    await ownThumbnail.waitFor();
    const thumbnail = consultant.getByTestId('message-list').getByRole('img', { name: 'passport.jpg' });
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    // Turned upright from the EXIF orientation, then shown in a 200 px box.
    expect(await thumbnail.evaluate((img) => [(img as HTMLImageElement).width, (img as HTMLImageElement).height])).toEqual([150, 200]);

    const download = consultant.waitForEvent('download');
    await consultant.getByTestId('attachment-download').filter({ hasText: 'passport.jpg' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('passport.jpg');
    const bytes = readFileSync((await saved.path())!);
    const metadata = await sharp(bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([480, 640]);

    await consultant.getByTestId('attach-input').setInputFiles({ name: 'formularz.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await visitor.getByTestId('attachment-download').filter({ hasText: 'formularz.pdf' }).waitFor();

    expect(await axeViolations(visitor)).toEqual([]);
    expect(await axeViolations(consultant)).toEqual([]);
    const overflow = await visitor.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('tells the visitor, in their language, what is accepted and why, offers no "try again" for a refusal that would fail again, and lets them remove it with the keyboard', async () => {
    const visitor = await newPage({ bypassCSP: true });
    await startAsVisitor(visitor, { lang: 'pl' });
    const accepted = 'Przyjmujemy: JPEG, PNG, WebP, HEIC lub PDF, do 250 kB';

    await visitor.getByTestId('attach-input').setInputFiles({ name: 'zdjęcie.png', mimeType: 'image/png', buffer: html });
    const refused = visitor.getByTestId('upload').filter({ hasText: 'zdjęcie.png' });
    await expect.poll(() => refused.getAttribute('data-status')).toBe('failed');
    await expect.poll(() => refused.getByRole('alert').textContent()).toContain('Nie można wysłać pliku tego rodzaju');
    expect(await refused.getByTestId('upload-accepted').textContent()).toContain(accepted);
    expect(await refused.getByTestId('upload-accepted').textContent()).toContain('usuwamy ukryte dane');
    expect(await refused.getByTestId('upload-retry').count()).toBe(0);
    expect(await refused.getByTestId('upload-choose-another').textContent()).toBe('Wybierz inny plik');

    await visitor.getByTestId('attach-input').setInputFiles({ name: 'duży.pdf', mimeType: 'application/pdf', buffer: pdf(MAX_BYTES + 1) });
    const tooBig = visitor.getByTestId('upload').filter({ hasText: 'duży.pdf' });
    await expect.poll(() => tooBig.getByRole('alert').textContent()).toContain('Plik jest za duży');
    expect(await tooBig.getByTestId('upload-accepted').textContent()).toContain(accepted);
    expect(await tooBig.getByTestId('upload-retry').count()).toBe(0);
    expect(await visitor.locator('#attach-hint').textContent()).toBe(accepted);

    expect(await axeViolations(visitor)).toEqual([]);

    await refused.getByTestId('upload-discard').focus();
    await visitor.keyboard.press('Enter');
    await expect.poll(() => refused.count()).toBe(0);
    await expect.poll(() => visitor.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('attach-button');

    // A refusal that may pass later (no connection) keeps "try again", and it works once back online.
    await visitor.context().setOffline(true);
    await visitor.getByTestId('attach-input').setInputFiles({ name: 'wniosek.pdf', mimeType: 'application/pdf', buffer: pdf() });
    const offline = visitor.getByTestId('upload').filter({ hasText: 'wniosek.pdf' });
    await expect.poll(() => offline.getAttribute('data-status')).toBe('failed');
    expect(await offline.getByTestId('upload-accepted').count()).toBe(0);
    await visitor.context().setOffline(false);
    await offline.getByTestId('upload-retry').click();
    await visitor.getByTestId('attachment-download').filter({ hasText: 'wniosek.pdf' }).waitFor();
    expect(await offline.count()).toBe(0);
  });
});
