/**
 * Where one side uploads and fetches a conversation's files. A visitor proves who they are with
 * the token in a header (never in a URL), so their files are fetched with fetch() and shown as
 * blob URLs; staff send their session cookie.
 */
import { bearer } from '../api';

export type FileVariant = 'original' | 'thumbnail';

export interface FileEndpoints {
  uploadUrl: string;
  fileUrl(fileId: string, variant: FileVariant): string;
  headers: Record<string, string>;
}

const suffix = (variant: FileVariant) => (variant === 'thumbnail' ? '/thumbnail' : '');

export function visitorFileEndpoints(token: string): FileEndpoints {
  return {
    uploadUrl: '/api/conversations/current/files',
    fileUrl: (fileId, variant) => `/api/conversations/current/files/${encodeURIComponent(fileId)}${suffix(variant)}`,
    headers: bearer(token),
  };
}

export function staffFileEndpoints(conversationId: string): FileEndpoints {
  return {
    uploadUrl: `/api/staff/conversations/${encodeURIComponent(conversationId)}/files`,
    fileUrl: (fileId, variant) => `/api/staff/files/${encodeURIComponent(fileId)}${suffix(variant)}`,
    headers: {},
  };
}
