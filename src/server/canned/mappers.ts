import type { CannedAnswer } from '../../shared/protocol';
import type { UiLanguage } from '../../shared/languages';
import type { StoredCannedAnswer } from './types';

export function toCannedAnswer(row: StoredCannedAnswer): CannedAnswer {
  return {
    id: row.id,
    scope: row.owner_id === null ? 'shared' : 'personal',
    language: row.language as UiLanguage,
    title: row.title,
    body: row.body,
    updatedAt: row.updated_at,
  };
}
