/** The desk's icons and web app manifest: the default icon until the office sets a logo, then icons drawn from it. */
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OfficeInfo } from '../../../src/shared/protocol';
import { serverForSuite, signedInStaff, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

interface Manifest {
  name: string;
  short_name: string;
  description: string;
  lang: string;
  start_url: string;
  icons: { src: string; sizes: string; type: string }[];
}

const DEFAULT_BLUE = { r: 0x0b, g: 0x4f, b: 0x8a };

describe.each(databaseTargets)('icons and the web app manifest on $engine', (target) => {
  const suiteServer = serverForSuite(target, { LANGUAGES: 'pl,en,uk,ru', LOGINS_PER_MINUTE: '1000' });
  let server: TestServer;
  beforeEach(() => {
    server = suiteServer();
  });
  const get = (url: string, headers: Record<string, string> = {}) => server.app.server.inject({ method: 'GET', url, headers });

  /** The colour of one pixel, `x` and `y` as fractions of the side. */
  async function pixel(png: Buffer, x: number, y: number) {
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const offset = (Math.floor(y * info.height) * info.width + Math.floor(x * info.width)) * 3;
    return { r: data[offset]!, g: data[offset + 1]!, b: data[offset + 2]! };
  }

  async function icon(src: string, size: number): Promise<Buffer> {
    const response = await get(src);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(await sharp(response.rawPayload).metadata()).toMatchObject({ format: 'png', width: size, height: size });
    return response.rawPayload;
  }

  it('serves the manifest in the asked language, and icons drawn from the logo once one is set, the default one otherwise', async () => {
    const { cookie } = await signedInStaff(server, { role: 'admin' });
    const saved = await server.app.server.inject({
      method: 'PUT',
      url: '/api/admin/office',
      headers: { cookie },
      payload: { texts: { en: { officeName: 'Mazovia Voivodeship Office', departmentName: 'Foreigners’ Department' } }, phones: [], email: '', brandColour: null, dpoContact: '', statementPublished: '' },
    });
    expect(saved.statusCode).toBe(200);
    await server.app.server.inject({ method: 'DELETE', url: '/api/admin/office/logo', headers: { cookie } });

    const response = await get('/manifest.webmanifest?lang=en');
    expect(response.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = response.json<Manifest>();
    expect(manifest).toMatchObject({ name: 'Foreigners’ Department — Mazovia Voivodeship Office', short_name: 'Foreigners’ Department', lang: 'en', start_url: '/?lang=en' });
    expect(manifest.description).not.toBe('');
    expect(manifest.icons.map((entry) => entry.sizes)).toEqual(['192x192', '512x512']);
    for (const entry of manifest.icons) await icon(entry.src, Number(entry.sizes.split('x')[0]));
    expect((await get('/manifest.webmanifest', { 'accept-language': 'uk' })).json<Manifest>().lang).toBe('uk');

    // The default: the speech bubble on blue.
    expect(await pixel(await icon('/api/office/icon/192', 192), 0.5, 0.15)).toEqual(DEFAULT_BLUE);
    await icon('/api/office/icon/32', 32);
    expect((await get('/api/office/icon/100')).statusCode).toBe(404);
    expect((await get('/api/office/icon/x')).statusCode).toBe(404);

    // A wide red logo: whole and centred on white.
    const logo = await sharp({ create: { width: 800, height: 200, channels: 3, background: '#c00000' } }).png().toBuffer();
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(logo)], { type: 'image/png' }), 'logo.png');
    const uploaded = await fetch(`${server.baseUrl}/api/admin/office/logo`, { method: 'PUT', headers: { cookie }, body });
    const version = ((await uploaded.json()) as OfficeInfo).logo!.split('?v=')[1];
    const withLogo = (await get('/manifest.webmanifest?lang=en')).json<Manifest>();
    expect(withLogo.icons[0]!.src).toBe(`/api/office/icon/192?v=${version}`);
    const drawn = await icon(withLogo.icons[1]!.src, 512);
    expect(await pixel(drawn, 0.5, 0.5)).toEqual({ r: 0xc0, g: 0, b: 0 });
    expect(await pixel(drawn, 0.5, 0.15)).toEqual({ r: 255, g: 255, b: 255 });

    // Removed again: the default icon comes back, not the one drawn before.
    await server.app.server.inject({ method: 'DELETE', url: '/api/admin/office/logo', headers: { cookie } });
    expect(await pixel(await icon('/api/office/icon/512', 512), 0.5, 0.15)).toEqual(DEFAULT_BLUE);
  });
});
