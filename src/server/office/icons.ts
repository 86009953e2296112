/**
 * The desk's icons (the favicon, the home-screen icon, the web app manifest's) and the manifest
 * itself. The icons are drawn from the office's logo when one is set — fitted on white inside the
 * square with a margin, so a wide logo stays whole —, else from e-Konsultant's speech bubble; each
 * size is drawn on its first request for the logo's version, then kept (OfficeService).
 */
import sharp from 'sharp';
import { textDirection, type UiLanguage } from '../../shared/languages';
import { officeTitle, type OfficeInfo } from '../../shared/protocol';

/** The favicon, and the two sizes a web app manifest needs for installing and the splash screen. */
export const ICON_SIZES = [32, 192, 512] as const;
export type IconSize = (typeof ICON_SIZES)[number];

/** The staff apps' primary colour: the icon's and the browser bar's while the office has no brand colour. */
const DEFAULT_COLOUR = '#0b4f8a';
const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };
const DEFAULT_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="${DEFAULT_COLOUR}"/><path d="M14 18h36a4 4 0 0 1 4 4v18a4 4 0 0 1-4 4H30l-10 8v-8h-6a4 4 0 0 1-4-4V22a4 4 0 0 1 4-4z" fill="#fff"/></svg>`;

export async function drawIcon(logo: Buffer | undefined, size: IconSize): Promise<Buffer> {
  if (!logo) {
    // The SVG is 64 units wide: rasterised at the density that makes it `size` pixels, so it stays sharp.
    return sharp(Buffer.from(DEFAULT_ICON_SVG), { density: (72 * size) / 64 }).resize(size, size).png().toBuffer();
  }
  const inner = Math.round(size * 0.8);
  const before = Math.floor((size - inner) / 2);
  const after = size - inner - before;
  const fitted = await sharp(logo).resize(inner, inner, { fit: 'contain', background: WHITE }).flatten({ background: WHITE }).toBuffer();
  return sharp(fitted).extend({ top: before, bottom: after, left: before, right: after, background: WHITE }).png().toBuffer();
}

/** An icon's address, with the logo's version (from its own address), so a new logo is fetched anew. */
export function iconPath(office: Pick<OfficeInfo, 'logo'>, size: IconSize): string {
  const version = office.logo?.split('?v=')[1];
  return `/api/office/icon/${size}${version ? `?v=${version}` : ''}`;
}

/** The visitor page as an installable web app, named and described in `language`. */
export function webManifest(office: OfficeInfo, language: UiLanguage) {
  const texts = office.texts[language] ?? {};
  return {
    name: officeTitle(office, language, ' — '),
    short_name: texts.departmentName || texts.officeName || officeTitle(office, language),
    description: texts.description ?? '',
    lang: language,
    dir: textDirection(language),
    start_url: `/?lang=${language}`,
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: office.brandColour ?? DEFAULT_COLOUR,
    icons: ICON_SIZES.filter((size) => size >= 192).map((size) => ({ src: iconPath(office, size), sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' })),
  };
}

/** The head's links to the favicon, the touch icon and (on the visitor page) the manifest in `language`. */
export function iconLinks(office: Pick<OfficeInfo, 'logo'>, manifestLanguage?: UiLanguage): string[] {
  return [
    `<link rel="icon" type="image/png" sizes="32x32" href="${iconPath(office, 32)}">`,
    `<link rel="apple-touch-icon" href="${iconPath(office, 192)}">`,
    ...(manifestLanguage ? [`<link rel="manifest" href="/manifest.webmanifest?lang=${manifestLanguage}">`] : []),
  ];
}
