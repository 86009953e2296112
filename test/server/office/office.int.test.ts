import jsQR from 'jsqr';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskInfo, OfficeInfo, OfficeProfile } from '../../../src/shared/protocol';
import { UI_LANGUAGES } from '../../../src/shared/languages';
import { serverForSuite, signedInStaff, type TestServer } from '../../support/app';
import { databaseTargets } from '../../support/databases';

const PROFILE: OfficeProfile = {
  texts: {
    pl: { officeName: 'Mazowiecki Urząd Wojewódzki', departmentName: 'Wydział Spraw Cudzoziemców', address: 'ul. Długa 5, 00-238 Warszawa' },
    en: { officeName: 'Mazovia Voivodeship Office', departmentName: 'Foreigners’ Department', address: 'ul. Długa 5, 00-238 Warsaw' },
  },
  phones: ['+48 22 695 66 99'],
  email: 'cudzoziemcy@example.gov.pl',
  brandColour: '#0b4f9c',
  dpoContact: 'iod@example.gov.pl',
  statementPublished: '2026-01-15',
};

describe.each(databaseTargets)('the office profile on $engine', (target) => {
  // Every interface language offered; an admin signs in before each of the many tests.
  const suiteServer = serverForSuite(target, { LANGUAGES: UI_LANGUAGES.join(','), LOGINS_PER_MINUTE: '1000' });
  let server: TestServer;
  let cookie: string;
  beforeEach(async () => {
    server = suiteServer();
    cookie = (await signedInStaff(server, { role: 'admin', name: 'Admin' })).cookie;
  });
  const inject: TestServer['app']['server']['inject'] = ((options: never) => server.app.server.inject(options)) as never;
  const upload = async (path: string, bytes: Buffer, name: string) => {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
    const response = await fetch(`${server.baseUrl}${path}`, { method: 'PUT', headers: { cookie }, body });
    return { json: <T>() => response.clone().json() as Promise<T> };
  };
  const uploadLogo = (bytes: Buffer, name: string) => upload('/api/admin/office/logo', bytes, name);
  const save = (profile: OfficeProfile) => inject({ method: 'PUT', url: '/api/admin/office', headers: { cookie }, payload: profile });

  it('names the desk: the desk info, the transcript and the GDPR information come from the saved profile', async () => {
    expect((await save(PROFILE)).statusCode).toBe(200);
    const desk = (await inject({ method: 'GET', url: '/api/desk' })).json<DeskInfo>();
    expect(desk.office.texts.en).toMatchObject({ officeName: 'Mazovia Voivodeship Office', departmentName: 'Foreigners’ Department' });
    // Texts left empty read as the locale defaults: information only, never decisions or legal advice.
    expect(desk.office.texts.uk?.description).toContain('не надають юридичних консультацій');
    expect(desk.office.brandText).toBe('#ffffff');

    const started = await inject({ method: 'POST', url: '/api/conversations', payload: { language: 'pl', topic: 'work', privacyAccepted: true } });
    const token = started.json<{ token: string }>().token;
    const transcript = await inject({ method: 'GET', url: '/api/conversations/current/transcript?lang=pl', headers: { authorization: `Bearer ${token}` } });
    expect(transcript.body).toContain('Wydział Spraw Cudzoziemców, Mazowiecki Urząd Wojewódzki');

    const privacy = await inject({ method: 'GET', url: '/privacy?lang=en' });
    expect(privacy.body).toContain('Controller: Mazovia Voivodeship Office, ul. Długa 5, 00-238 Warsaw.');
    expect(privacy.body).toContain('Data protection officer: iod@example.gov.pl.');
    expect(privacy.body).toMatch(/deleted \d+ days after they end/);
  });

  it('refuses a brand colour that text on it cannot reach 4.5:1 on, and keeps the profile', async () => {
    await save(PROFILE);
    const refused = await save({ ...PROFILE, brandColour: '#2e8b57' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'brand_colour_contrast', detail: '4.24:1, at least 4.5:1 needed' });
    expect((await inject({ method: 'GET', url: '/api/office' })).json<OfficeInfo>().brandColour).toBe('#0b4f9c');
  });

  it('takes a logo only as a PNG, WebP or JPEG, re-encoded as PNG; never SVG', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refused = await uploadLogo(svg, 'logo.png');
    expect(await refused.json()).toMatchObject({ code: 'file_type_not_allowed' });
    const jpeg = await sharp({ create: { width: 2000, height: 400, channels: 3, background: '#0b4f9c' } }).jpeg().withMetadata().toBuffer();
    const saved = await uploadLogo(jpeg, 'logo.jpg');
    const logoPath = (await saved.json<OfficeInfo>()).logo!;
    const logo = await inject({ method: 'GET', url: logoPath });
    expect(logo.headers['content-type']).toBe('image/png');
    const metadata = await sharp(logo.rawPayload).metadata();
    expect({ ...metadata, exif: metadata.exif ?? null }).toMatchObject({ format: 'png', width: 512, height: 102, exif: null });
  });

  it('serves the PJM video with its captions on the easy-to-read page, and the funding image in the footer', async () => {
    await save({ ...PROFILE, texts: { ...PROFILE.texts, en: { ...PROFILE.texts.en, fundingNotice: 'Co-funded by the European Union' } } });
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42\0\0\0\0mp42isom'), Buffer.alloc(64)]);
    expect(await (await upload('/api/admin/office/media/pjm-captions', Buffer.from('<html>'), 'x.vtt')).json()).toMatchObject({ code: 'file_type_not_allowed' });
    await upload('/api/admin/office/media/pjm-video', mp4, 'pjm.mp4');
    await upload('/api/admin/office/media/pjm-captions', Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nDzień dobry\n'), 'pjm.vtt');
    const flag = await sharp({ create: { width: 300, height: 60, channels: 3, background: '#003399' } }).png().toBuffer();
    const info = await (await upload('/api/admin/office/media/funding-image', flag, 'eu.png')).json<OfficeInfo>();
    expect(Object.values(info.media).every(Boolean)).toBe(true);

    const page = (await inject({ method: 'GET', url: '/easy-read?lang=en' })).body;
    expect(page).toMatch(/<video controls [^>]*src="\/api\/office\/media\/pjm-video\?v=[^"]+"[^>]*><track kind="captions" srclang="pl"/);
    expect(page).toContain('alt="Co-funded by the European Union"');
    const video = await inject({ method: 'GET', url: info.media['pjm-video']! });
    expect(video.headers['content-type']).toBe('video/mp4');
    expect((await inject({ method: 'GET', url: info.media['pjm-captions']! })).body).toContain('Dzień dobry');
  });

  it('makes a QR code (PNG and SVG) of a link into this desk that reads back as the link, and no code of another site', async () => {
    const png = await inject({ method: 'GET', url: '/api/office/qr.png?path=%2F%3Flang%3Duk%26topic%3Dwork' });
    const { data, info } = await sharp(png.rawPayload).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toMatch(/^https?:\/\/[^/]+\/\?lang=uk&topic=work$/);
    const svg = await inject({ method: 'GET', url: '/api/office/qr.svg?path=%2F' });
    expect(svg.body).toMatch(/^<svg/);
    expect((await inject({ method: 'GET', url: '/api/office/qr.png?path=%2F%2Fevil.example' })).statusCode).toBe(400);
  });

  it.each(UI_LANGUAGES)('serves the accessibility statement, the easy-to-read page and the poster in %s with skip link and footer', async (language) => {
    await save(PROFILE);
    for (const path of ['/accessibility', '/accessibility/staff', '/easy-read', '/privacy', '/poster']) {
      const page = await inject({ method: 'GET', url: `${path}?lang=${language}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(new RegExp(`<html lang="${language}"( dir="rtl")?>`));
      expect(page.body).toContain('<a class="skip-link" href="#main">');
      expect(page.body).toContain(`<a href="/accessibility?lang=${language}">`);
    }
    const statement = (await inject({ method: 'GET', url: `/accessibility?lang=${language}` })).body;
    expect(statement).toContain('2026-01-15');
    expect(statement.match(/<h2>/g)).toHaveLength(7);
    expect((await inject({ method: 'GET', url: `/poster?lang=${language}` })).body).toContain('<svg');
  });
});
