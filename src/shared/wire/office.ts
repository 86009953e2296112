/**
 * The office's own profile (src/server/office): what names the desk to visitors, in every visitor
 * language, and the facts its privacy information and accessibility statement are built from.
 * The visitor's first load gets it inside the desk info, so this file holds schemas only.
 */
import * as z from 'zod/mini';
import { UI_LANGUAGES, type UiLanguage } from '../languages';
import { defineRoute, FILE, MULTIPART } from './contract';

/** Not desk-protocol's: that file includes the office info in the desk info, and imports this one. */
const languageSchema = z.enum(UI_LANGUAGES);

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));

/** The texts an office writes once per visitor language; an empty one falls back to the locale default. */
export const OFFICE_TEXTS = [
  'officeName',
  'departmentName',
  'description',
  'address',
  'inPerson',
  'afterService',
  'fundingNotice',
  'nonAccessibleContent',
  'buildingAccessibility',
] as const;
export type OfficeTextName = (typeof OFFICE_TEXTS)[number];

const SHORT_TEXTS: ReadonlySet<OfficeTextName> = new Set(['officeName', 'departmentName']);

const officeTextsSchema = z.object(
  Object.fromEntries(OFFICE_TEXTS.map((name) => [name, z.optional(text(SHORT_TEXTS.has(name) ? 200 : 4000))])) as Record<
    OfficeTextName,
    z.ZodMiniOptional<z.ZodMiniString>
  >,
);
export type OfficeTexts = z.infer<typeof officeTextsSchema>;

export const brandColourSchema = z.string().check(z.regex(/^#[0-9a-f]{6}$/));

/** What /admin saves. */
export const officeProfileSchema = z.object({
  texts: z.partialRecord(languageSchema, officeTextsSchema),
  phones: z.array(text(40)).check(z.maxLength(5)),
  email: z.union([z.literal(''), z.email()]),
  /** Background of the visitor header; refused unless white or dark text on it reaches 4.5:1. */
  brandColour: z.nullable(brandColourSchema),
  /** The data protection officer's contact for the GDPR information (art. 13(1)(b)). */
  dpoContact: text(300),
  /** When the accessibility statement was first published (YYYY-MM-DD); empty: the profile's first save. */
  statementPublished: z.union([z.literal(''), z.iso.date()]),
});
export type OfficeProfile = z.infer<typeof officeProfileSchema>;

/** The office's media besides the logo: the PJM video with its captions (WebVTT), and the funding notice's image. */
export const OFFICE_MEDIA = ['pjm-video', 'pjm-captions', 'funding-image'] as const;
export type OfficeMediaKind = (typeof OFFICE_MEDIA)[number];
export const officeMediaKindSchema = z.enum(OFFICE_MEDIA);

/** What visitors get: the profile, where its images are, and the retention the privacy information states. */
export const officeInfoSchema = z.extend(officeProfileSchema, {
  /** Path of the logo (changes with each upload), or null. */
  logo: z.nullable(z.string()),
  /** Path of each stored medium, or null. */
  media: z.record(officeMediaKindSchema, z.nullable(z.string())),
  /** Text colour on the brand colour. */
  brandText: z.nullable(z.string()),
  /** Days after which conversations and messages are deleted (RETENTION_DAYS). */
  retentionDays: z.int(),
  statementUpdated: z.string(),
});
export type OfficeInfo = z.infer<typeof officeInfoSchema>;

export const widgetStatusSchema = z.object({ open: z.boolean(), label: z.string(), close: z.string() });

/** A link into the visitor page, as /admin builds it: a path on this desk, e.g. `/?lang=uk&topic=work`. */
export const deskLinkQuerySchema = z.object({ path: z.string().check(z.regex(/^\/(?![/\\])/), z.maxLength(300)) });

export const OFFICE_ROUTES = {
  profile: defineRoute({ method: 'GET', path: '/api/office', auth: 'none', response: officeInfoSchema }),
  save: defineRoute({ method: 'PUT', path: '/api/admin/office', auth: 'admin', body: officeProfileSchema, response: officeInfoSchema }),
  /** Multipart with one file: PNG, WebP or JPEG, re-encoded as PNG. */
  uploadLogo: defineRoute({ method: 'PUT', path: '/api/admin/office/logo', auth: 'admin', body: MULTIPART, response: officeInfoSchema }),
  removeLogo: defineRoute({ method: 'DELETE', path: '/api/admin/office/logo', auth: 'admin', response: officeInfoSchema }),
  logo: defineRoute({ method: 'GET', path: '/api/office/logo', auth: 'none', response: FILE }),
  /** A square PNG (`:size` 32, 192 or 512) from the logo, or the default icon while there is none. */
  icon: defineRoute({ method: 'GET', path: '/api/office/icon/:size', auth: 'none', response: FILE }),
  /** Multipart with one file: an MP4 or WebM video, a WebVTT file, or a PNG/WebP/JPEG image, by kind. */
  uploadMedia: defineRoute({ method: 'PUT', path: '/api/admin/office/media/:kind', auth: 'admin', body: MULTIPART, response: officeInfoSchema }),
  removeMedia: defineRoute({ method: 'DELETE', path: '/api/admin/office/media/:kind', auth: 'admin', response: officeInfoSchema }),
  media: defineRoute({ method: 'GET', path: '/api/office/media/:kind', auth: 'none', response: FILE }),
  /** What the widget's launcher says, in `?lang=`; readable from the EMBED_ORIGINS sites (CORS). */
  widgetStatus: defineRoute({ method: 'GET', path: '/api/office/widget', auth: 'none', response: widgetStatusSchema }),
  qrSvg: defineRoute({ method: 'GET', path: '/api/office/qr.svg', auth: 'none', query: deskLinkQuerySchema, response: FILE }),
  qrPng: defineRoute({ method: 'GET', path: '/api/office/qr.png', auth: 'none', query: deskLinkQuerySchema, response: FILE }),
};

/** The office's pages that work without JavaScript, in `?lang=` or the browser's language (HTML; the style sheet). */
export const OFFICE_PAGE_ROUTES = {
  accessibility: defineRoute({ method: 'GET', path: '/accessibility', auth: 'none', response: FILE }),
  /** The short statement of the console and /admin. */
  staffAccessibility: defineRoute({ method: 'GET', path: '/accessibility/staff', auth: 'none', response: FILE }),
  easyRead: defineRoute({ method: 'GET', path: '/easy-read', auth: 'none', response: FILE }),
  privacy: defineRoute({ method: 'GET', path: '/privacy', auth: 'none', response: FILE }),
  /** Query `path`: the link on the poster (a path on this desk, as the QR codes take). */
  poster: defineRoute({ method: 'GET', path: '/poster', auth: 'none', response: FILE }),
  style: defineRoute({ method: 'GET', path: '/office.css', auth: 'none', response: FILE }),
  /** The visitor page as a web app (name, description and icons), in `?lang=` or the browser's language. */
  manifest: defineRoute({ method: 'GET', path: '/manifest.webmanifest', auth: 'none', response: FILE }),
  /** The embeddable launcher for the office's own site (docs/entry-points.md). */
  widget: defineRoute({ method: 'GET', path: '/widget.js', auth: 'none', response: FILE }),
};

/** The office's names as one line: department and office, as far as written. */
export function officeTitle(office: OfficeInfo, language: UiLanguage, separator = ', '): string {
  const texts = office.texts[language] ?? {};
  return [texts.departmentName, texts.officeName].filter(Boolean).join(separator);
}

/**
 * What the GDPR information (art. 13) states from the profile and the configuration, as the
 * values of `visitor:privacy.points.*`; `retentionKey` is the retention point that applies.
 */
export function privacyFacts(office: OfficeInfo, language: UiLanguage, dpoThroughOffice: string) {
  const texts = office.texts[language] ?? {};
  return {
    values: { controller: [texts.officeName, texts.address].filter(Boolean).join(', '), dpo: office.dpoContact || dpoThroughOffice, days: office.retentionDays },
    retentionKey: office.retentionDays === 0 ? 'retentionKept' : 'retention',
  };
}

/** The order of the GDPR art. 13 information, as the office's clauses usually give it. */
export const PRIVACY_POINTS = ['controller', 'dpo', 'purpose', 'legalBasis', 'recipients', 'data', 'storage', 'retention', 'rights', 'voluntary'] as const;
