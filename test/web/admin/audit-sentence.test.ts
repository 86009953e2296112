import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STAFF_LANGUAGES } from '../../../src/shared/languages';
import { AUDIT_ACTIONS, type AuditEntry } from '../../../src/shared/protocol';
import type { Translate } from '../../../src/web/common/i18n';
import { auditSentence } from '../../../src/web/admin/audit-sentence';

/** Looks a key up in the staff language's admin.json, as i18next would; an unknown key comes back as itself. */
function translatorFor(language: string): Translate {
  const admin = JSON.parse(readFileSync(new URL(`../../../src/shared/locales/${language}/admin.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
  return (key, values = {}) => {
    const found = key
      .replace(/^admin:/, '')
      .split('.')
      .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), admin);
    if (typeof found !== 'string') return key;
    return found.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => String(values[name] ?? ''));
  };
}

const entryFor = (action: AuditEntry['action']): AuditEntry =>
  ({ id: '10000000-0000-4000-8000-000000000001', at: '2026-12-02T10:00:00.000Z', action, actor: { id: 'a', name: 'Anna Nowak' }, target: { type: 'staff', id: 'b' }, detail: {} }) as AuditEntry;

describe('audit log sentences', () => {
  it.each(STAFF_LANGUAGES)('reads every audited action as a sentence in %s, never as a key', (language) => {
    const t = translatorFor(language);
    const unread = AUDIT_ACTIONS.filter((action) => auditSentence(entryFor(action), { b: 'Olena Kowalczyk' }, t, language).includes('audit.sentences'));
    expect(unread).toEqual([]);
  });
});
