/**
 * An audit entry as a sentence with names ("Anna Nowak reset the password of Olena Kowalczyk"):
 * the log stores ids and a small detail object; the page's `names` (from the server) say who and
 * what they are today. The sentence's key is chosen from the action and, where one action covers
 * several things, from its target or detail.
 */
import type { AuditEntry } from '../../shared/protocol';
import type { Translate } from '../common/i18n';

export function auditSentence(entry: AuditEntry, names: Readonly<Record<string, string>>, t: Translate, language: string): string {
  const detail = entry.detail ?? {};
  const text = (field: string) => (typeof detail[field] === 'string' || typeof detail[field] === 'number' ? String(detail[field]) : '');
  const person = (id: unknown) => (typeof id === 'string' ? (names[id] ?? id) : '');
  const target = entry.target ? (names[entry.target.id] ?? entry.target.id) : t('admin:audit.unknownAccount');
  const date = text('date') && new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${text('date')}T00:00:00Z`));
  const values = {
    actor: entry.actor?.name || t('admin:audit.system'),
    target,
    to: person(detail.to),
    from: person(detail.from),
    failures: text('failures'),
    title: text('title'),
    slug: text('slug'),
    reference: text('reference'),
    date,
  };
  return t(`admin:audit.sentences.${sentenceKey(entry)}`, values);
}

function sentenceKey({ action, target, detail }: AuditEntry): string {
  const [group, verb] = action.split('.') as [string, string];
  switch (action) {
    case 'settings.changed':
      return `settings.${target && SETTINGS_TARGETS.has(target.type) ? target.type : 'other'}`;
    case 'schedule.changed':
      if (target?.id === 'pause') return detail?.paused ? 'schedule.pause' : 'schedule.resume';
      if (target?.id === 'exception') return detail?.removed ? 'schedule.exceptionRemoved' : 'schedule.exception';
      return 'schedule.weekly_hours';
    case 'topics.changed':
      return `topics.${oneOf(detail?.change, ['created', 'reordered'], 'updated')}`;
    case 'canned.changed':
      return `canned.${oneOf(detail?.operation, ['created', 'deleted'], 'updated')}`;
    case 'help.changed':
      return `help.${oneOf(detail?.change, ['created', 'deleted'], 'updated')}`;
    case 'conversation.transferred':
      return detail?.to === 'queue' ? 'conversation.transferredToQueue' : 'conversation.transferred';
    default:
      return `${group}.${verb}`;
  }
}

/** The settings each have their own sentence; any other target reads as "changed the settings". */
const SETTINGS_TARGETS = new Set(['routing', 'calls', 'office', 'office-logo', 'office-pjm-video', 'office-pjm-captions', 'office-funding-image']);

function oneOf(value: unknown, known: readonly string[], otherwise: string): string {
  return typeof value === 'string' && known.includes(value) ? value : otherwise;
}
