/**
 * What a file really is, from its bytes: the type by its magic numbers (file-type), never by its
 * name or the type the browser declared. Images are decoded and encoded again, which keeps the
 * pixels (turned upright) and drops everything else: EXIF with GPS position, camera serials,
 * comments, and anything appended after the image data. iPhone photos (HEIC/HEIF) are turned into
 * JPEG first (heic.ts) and stored as JPEG.
 */
import { CONVERTED_TO_JPEG, FILE_TYPES, type FileType } from '../../shared/protocol';
import { AppError } from '../errors';
import { heicToJpeg } from './heic';

/** A 40-megapixel photo is the most a phone makes; more is refused before it is decoded (memory). */
const MAX_IMAGE_PIXELS = 40_000_000;
/** The thumbnail fits in this square, the size the chat shows it at on a high-density screen. */
export const THUMBNAIL_EDGE = 320;

export interface InspectedFile {
  contentType: FileType;
  data: Buffer;
  width: number | null;
  height: number | null;
  thumbnail: Buffer | null;
}

function isFileType(value: string): value is FileType {
  return (FILE_TYPES as readonly string[]).includes(value);
}

/** Only `allowed` types pass; SVG, HTML and every text format are never among them. */
export async function inspectFile(bytes: Buffer, allowed: readonly FileType[]): Promise<InspectedFile> {
  // Loaded on the first upload, not at start-up (file-type and sharp take a while to load).
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = (await fileTypeFromBuffer(bytes))?.mime;
  if (detected && isConvertedToJpeg(detected) && allowed.includes('image/jpeg')) return reencodeImage(await heicToJpeg(bytes, MAX_IMAGE_PIXELS), 'image/jpeg');
  if (!detected || !isFileType(detected) || !allowed.includes(detected)) throw new AppError('file_type_not_allowed');
  if (detected === 'application/pdf') return { contentType: detected, data: bytes, width: null, height: null, thumbnail: null };
  return reencodeImage(bytes, detected);
}

function isConvertedToJpeg(value: string): boolean {
  return (CONVERTED_TO_JPEG as readonly string[]).includes(value);
}

async function reencodeImage(bytes: Buffer, contentType: Exclude<FileType, 'application/pdf'>): Promise<InspectedFile> {
  const { default: sharp } = await import('sharp');
  try {
    const upright = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();
    const encoded =
      contentType === 'image/jpeg'
        ? upright.jpeg({ quality: 88 })
        : contentType === 'image/png'
          ? upright.png()
          : upright.webp({ quality: 85 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data)
      .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
    return { contentType, data, width: info.width, height: info.height, thumbnail };
  } catch {
    throw new AppError('file_unreadable');
  }
}
