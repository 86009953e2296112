/**
 * The office's profile: what names the desk to visitors (header, titles, e-mails, transcripts,
 * .ics, the closed page) in each visitor language, its contacts, logo and brand colour, and the
 * facts of its privacy information and accessibility statement. Texts left empty read as the
 * locale defaults (names: DESK_NAME), so a fresh desk is already honest about what it is.
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { brandTextColour, WCAG_AA_TEXT_CONTRAST } from '../../shared/contrast';
import type { UiLanguage } from '../../shared/languages';
import { OFFICE_MEDIA, OFFICE_TEXTS, officeTitle, type OfficeInfo, type OfficeMediaKind, type OfficeProfile, type OfficeTexts } from '../../shared/protocol';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { translator } from '../i18n';
import { drawIcon, type IconSize, webManifest } from './icons';
import { linkPreviewMeta } from './link-preview';
import type { OfficeRepository } from './repository';

/** Texts with a default in office.json (`defaults.<name>`). */
const DEFAULTED_TEXTS = ['description', 'afterService', 'nonAccessibleContent', 'buildingAccessibility'] as const;
const IMAGE_TYPES = new Set(['image/png', 'image/webp', 'image/jpeg']);
/** The header shows it at most 64 px high; twice that for high-density screens, and room for wide logos. */
const LOGO_BOX = { width: 512, height: 128 };
/** Icons drawn, by desk, logo version and size: a handful, so a new logo simply starts the list again. */
const ICONS_KEPT = 12;
/** The EU's funding bar is wide: logos of the programme, the flag and the ministry side by side. */
const FUNDING_IMAGE_BOX = { width: 1600, height: 300 };

export interface OfficeFacts {
  /** DESK_NAME: the name until the office writes its own. */
  deskName: string;
  languages: readonly UiLanguage[];
  retentionDays: number;
  /** PUBLIC_URL: link previews name absolute addresses. */
  publicUrl: string;
}

export class OfficeService {
  private readonly icons = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly repository: OfficeRepository,
    private readonly clock: Clock,
    private readonly facts: OfficeFacts,
    private readonly audit: Pick<AuditLog, 'record'>,
  ) {}

  async info(deskId: string): Promise<OfficeInfo> {
    const [stored, versions] = await Promise.all([this.repository.find(deskId), this.repository.mediaVersions(deskId)]);
    const profile = stored?.profile ?? emptyProfile();
    const today = this.clock.now().toISOString().slice(0, 10);
    return {
      ...profile,
      texts: Object.fromEntries(this.facts.languages.map((language) => [language, this.textsIn(profile, language)])),
      statementPublished: profile.statementPublished || stored?.createdAt.slice(0, 10) || today,
      statementUpdated: stored?.updatedAt.slice(0, 10) ?? today,
      logo: stored?.logoUpdatedAt ? `/api/office/logo?v=${encodeURIComponent(stored.logoUpdatedAt)}` : null,
      media: Object.fromEntries(
        OFFICE_MEDIA.map((kind) => {
          const version = versions.get(kind);
          return [kind, version ? `/api/office/media/${kind}?v=${encodeURIComponent(version)}` : null];
        }),
      ) as OfficeInfo['media'],
      brandText: profile.brandColour && brandTextColour(profile.brandColour).text,
      retentionDays: this.facts.retentionDays,
    };
  }

  /** The visitor page's title and link preview meta in `language` (pages/routes.ts puts them in its head). */
  async linkPreview(deskId: string, language: UiLanguage): Promise<string> {
    return linkPreviewMeta(await this.info(deskId), language, this.facts.publicUrl);
  }

  /** The name e-mails, transcripts and calendar entries give the desk: department and office, as far as written. */
  async name(deskId: string, language: UiLanguage): Promise<string> {
    return officeTitle(await this.info(deskId), language);
  }

  async save(deskId: string, profile: OfficeProfile, admin: AuditActor): Promise<OfficeInfo> {
    if (profile.brandColour) {
      const { ratio } = brandTextColour(profile.brandColour);
      if (ratio < WCAG_AA_TEXT_CONTRAST) throw new AppError('brand_colour_contrast', `${ratio}:1, at least ${WCAG_AA_TEXT_CONTRAST}:1 needed`);
    }
    await this.repository.save(deskId, profile, this.clock.now().toISOString());
    await this.audit.record({ deskId, actor: admin, action: 'settings.changed', target: { type: 'office', id: deskId } });
    return this.info(deskId);
  }

  /** Keeps only the pixels: decoded and encoded again as PNG, fitted into the logo box; never SVG. */
  async saveLogo(deskId: string, bytes: Buffer, admin: AuditActor): Promise<OfficeInfo> {
    const png = await pixelsOnly(bytes, LOGO_BOX);
    await this.ensureStored(deskId);
    await this.repository.setLogo(deskId, png, this.clock.now().toISOString());
    await this.audit.record({ deskId, actor: admin, action: 'settings.changed', target: { type: 'office-logo', id: deskId } });
    return this.info(deskId);
  }

  async removeLogo(deskId: string, admin: AuditActor): Promise<OfficeInfo> {
    await this.repository.setLogo(deskId, null, this.clock.now().toISOString());
    await this.audit.record({ deskId, actor: admin, action: 'settings.changed', target: { type: 'office-logo', id: deskId } });
    return this.info(deskId);
  }

  /** The PJM video (MP4 or WebM), its captions (WebVTT) or the funding notice's image (re-encoded like the logo). */
  async saveMedia(deskId: string, kind: OfficeMediaKind, bytes: Buffer, admin: AuditActor): Promise<OfficeInfo> {
    const { contentType, data } = await checkedMedia(kind, bytes);
    await this.repository.saveMedia(deskId, kind, contentType, data, this.clock.now().toISOString());
    await this.audit.record({ deskId, actor: admin, action: 'settings.changed', target: { type: `office-${kind}`, id: deskId } });
    return this.info(deskId);
  }

  async removeMedia(deskId: string, kind: OfficeMediaKind, admin: AuditActor): Promise<OfficeInfo> {
    await this.repository.removeMedia(deskId, kind);
    await this.audit.record({ deskId, actor: admin, action: 'settings.changed', target: { type: `office-${kind}`, id: deskId } });
    return this.info(deskId);
  }

  async media(deskId: string, kind: OfficeMediaKind): Promise<{ contentType: string; data: Buffer }> {
    const media = await this.repository.media(deskId, kind);
    if (!media) throw new AppError('not_found');
    return media;
  }

  /** The icon of `size` from the logo (or the default one without), drawn once per logo version. */
  async icon(deskId: string, size: IconSize): Promise<Buffer> {
    const version = (await this.repository.find(deskId))?.logoUpdatedAt ?? 'default';
    const key = `${deskId}|${version}|${size}`;
    let icon = this.icons.get(key);
    if (!icon) {
      if (this.icons.size >= ICONS_KEPT) this.icons.clear();
      icon = this.repository.logo(deskId).then((logo) => drawIcon(version === 'default' ? undefined : logo, size));
      this.icons.set(key, icon);
      icon.catch(() => this.icons.delete(key));
    }
    return icon;
  }

  /** The visitor page's web app manifest in `language`. */
  async manifest(deskId: string, language: UiLanguage) {
    return webManifest(await this.info(deskId), language);
  }

  async logo(deskId: string): Promise<Buffer> {
    const logo = await this.repository.logo(deskId);
    if (!logo) throw new AppError('not_found');
    return logo;
  }

  private async ensureStored(deskId: string): Promise<void> {
    if (!(await this.repository.find(deskId))) await this.repository.save(deskId, emptyProfile(), this.clock.now().toISOString());
  }

  private textsIn(profile: OfficeProfile, language: UiLanguage): OfficeTexts {
    const written = profile.texts[language] ?? {};
    const t = translator(language, 'office');
    const texts: OfficeTexts = Object.fromEntries(OFFICE_TEXTS.map((name) => [name, written[name] ?? '']));
    for (const name of DEFAULTED_TEXTS) texts[name] ||= t(`defaults.${name}`);
    if (!texts.officeName && !texts.departmentName) texts.officeName = this.facts.deskName;
    return texts;
  }
}

/** Only the pixels of a PNG, WebP or JPEG, upright, fitted into `box`, as PNG; never SVG. */
async function pixelsOnly(bytes: Buffer, box: { width: number; height: number }): Promise<Buffer> {
  const type = (await fileTypeFromBuffer(bytes))?.mime;
  if (!type || !IMAGE_TYPES.has(type)) throw new AppError('file_type_not_allowed');
  return sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error' })
    .rotate()
    .resize({ ...box, fit: 'inside', withoutEnlargement: true })
    .png()
    .toBuffer()
    .catch(() => {
      throw new AppError('file_unreadable');
    });
}

async function checkedMedia(kind: OfficeMediaKind, bytes: Buffer): Promise<{ contentType: string; data: Buffer }> {
  if (kind === 'funding-image') return { contentType: 'image/png', data: await pixelsOnly(bytes, FUNDING_IMAGE_BOX) };
  if (kind === 'pjm-captions') {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    if (!/^WEBVTT(\s|$)/.test(text)) throw new AppError('file_type_not_allowed');
    return { contentType: 'text/vtt; charset=utf-8', data: Buffer.from(text) };
  }
  const type = (await fileTypeFromBuffer(bytes))?.mime;
  if (type !== 'video/mp4' && type !== 'video/webm') throw new AppError('file_type_not_allowed');
  return { contentType: type, data: bytes };
}

function emptyProfile(): OfficeProfile {
  return { texts: {}, phones: [], email: '', brandColour: null, dpoContact: '', statementPublished: '' };
}
