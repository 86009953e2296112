/**
 * Where one side uploads and fetches a conversation's files. A visitor proves who they are with
 * the token in a header (never in a URL), so their files are fetched with fetch() and shown as
 * blob URLs; staff send their session cookie.
 */
import { FILE_ROUTES } from '../../../shared/protocol';
import { bearer, pathOf } from '../api';

export type FileVariant = 'original' | 'thumbnail';

export interface FileEndpoints {
  uploadUrl: string;
  fileUrl(fileId: string, variant: FileVariant): string;
  headers: Record<string, string>;
}

export function visitorFileEndpoints(token: string): FileEndpoints {
  return {
    uploadUrl: pathOf(FILE_ROUTES.visitorUpload),
    fileUrl: (fileId, variant) => pathOf(variant === 'thumbnail' ? FILE_ROUTES.visitorThumbnail : FILE_ROUTES.visitorFile, { fileId }),
    headers: bearer(token),
  };
}

export function staffFileEndpoints(conversationId: string): FileEndpoints {
  return {
    uploadUrl: pathOf(FILE_ROUTES.staffUpload, { conversationId }),
    fileUrl: (fileId, variant) => pathOf(variant === 'thumbnail' ? FILE_ROUTES.staffThumbnail : FILE_ROUTES.staffFile, { fileId }),
    headers: {},
  };
}
