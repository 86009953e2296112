/**
 * The sender's file name is shown and offered when saving, nothing else: it never becomes a path
 * (files are stored by random id in the database). Cleaning it keeps what a person would
 * recognise and drops what could mislead a reader or a browser.
 */
import type { FileType } from '../../shared/protocol';
import { cleanText } from '../../shared/text';

/** Characters of the name kept, extension included; long enough for any real document name. */
export const MAX_FILE_NAME_LENGTH = 120;

const EXTENSIONS: Record<FileType, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};

/** Besides what cleanText removes: line breaks, tabs and the direction marks, out of place in a name. */
const INVISIBLE_IN_NAMES = /[\t\n\r\u200e\u200f]/g;

/**
 * The last path segment (either slash), without control characters or leading dots, with the
 * extension of the type the content really is ("scan.jpg" holding a PDF becomes "scan.pdf"),
 * at most MAX_FILE_NAME_LENGTH characters.
 */
export function sanitiseFileName(raw: string, type: FileType): string {
  const base = (raw.split(/[/\\]/).pop() ?? '').normalize('NFC');
  const visible = cleanText(base).replace(INVISIBLE_IN_NAMES, '');
  const trimmed = visible.replace(/^[\s.]+/, '').trim();
  const dot = trimmed.lastIndexOf('.');
  const written = dot > 0 ? trimmed.slice(dot + 1).toLowerCase() : '';
  const hasExtension = /^[a-z0-9]{1,5}$/.test(written);
  const allowed = EXTENSIONS[type];
  const extension = allowed.includes(written) ? written : allowed[0]!;
  const stem = [...((hasExtension ? trimmed.slice(0, dot) : trimmed).replace(/[\s.]+$/, '') || 'file')];
  return `${stem.slice(0, MAX_FILE_NAME_LENGTH - extension.length - 1).join('')}.${extension}`;
}

/**
 * RFC 6266: `filename*` carries the real name (UTF-8, percent-encoded); `filename` an ASCII
 * stand-in for old clients, without quotes or backslashes.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
