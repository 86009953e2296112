/**
 * The topics a visitor picks from: stored per desk (seeded from config TOPICS and the locale
 * names on first start), named in every desk language, ordered, and switched off rather than
 * deleted, because closed conversations keep their topic. Read from the database on every use,
 * so an admin's change applies at once on every instance.
 */
import { UI_LANGUAGES, type UiLanguage } from '../../shared/languages';
import type { Topic, TopicNames } from '../../shared/protocol';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { translator } from '../i18n';
import type { TopicRepository } from './repository';

export interface TopicChange {
  names?: TopicNames;
  active?: boolean;
}

export class TopicService {
  constructor(
    private readonly repository: TopicRepository,
    private readonly clock: Clock,
    /** The desk's languages: a topic needs a name in each. */
    private readonly languages: readonly UiLanguage[],
    private readonly audit: Pick<AuditLog, 'record'>,
  ) {}

  /** Stores the configured topics that are not stored yet, named from the locale files, after the others. */
  async seed(deskId: string, ids: readonly string[]): Promise<void> {
    const stored = new Set((await this.repository.list(deskId)).map((row) => row.id));
    const first = await this.repository.nextPosition(deskId);
    const at = this.clock.now().toISOString();
    const missing = ids.filter((id) => !stored.has(id));
    await this.repository.insertMissing(
      missing.map((id, index) => ({ deskId, topic: { id, names: localeNames(id), active: true }, position: first + index, at })),
    );
  }

  async list(deskId: string): Promise<Topic[]> {
    return this.repository.list(deskId);
  }

  /** The topic's name in `language` as the office wrote it; for one it has not named, as `topicName` in the browser does. */
  async name(deskId: string, id: string, language: UiLanguage): Promise<string> {
    const named = (await this.repository.find(deskId, id))?.names[language];
    return named || localeName(id, language);
  }

  /** The names of these topics in `language` (else the desk's first), for the audit log. */
  async names(deskId: string, ids: readonly string[], language: UiLanguage = this.languages[0]!): Promise<Map<string, string>> {
    const topics = new Map((await this.repository.list(deskId)).map((topic) => [topic.id, topic]));
    return new Map(ids.flatMap((id) => (topics.has(id) ? [[id, topics.get(id)!.names[language] || localeName(id, language)] as const] : [])));
  }

  /** Refuses a topic the desk does not have (switched off is fine: a conversation may be closed under it). */
  async assertKnown(deskId: string, id: string): Promise<void> {
    if (!(await this.repository.find(deskId, id))) throw new AppError('validation_failed', 'topic');
  }

  /** Refuses a topic that visitors cannot pick (unknown or switched off). */
  async assertOffered(deskId: string, id: string): Promise<void> {
    if (!(await this.repository.isActive(deskId, id))) throw new AppError('validation_failed', 'topic');
  }

  /** Each change made by an `admin` in /admin is audited as 'topics.changed' (the seed and tests pass none). */
  async create(deskId: string, id: string, names: TopicNames, active = true, admin?: AuditActor): Promise<Topic> {
    const topic = { id, names: this.completeNames(names), active };
    const position = await this.repository.nextPosition(deskId);
    if (!(await this.repository.insert({ deskId, topic, position, at: this.clock.now().toISOString() }))) throw new AppError('topic_exists');
    await this.recordChange(deskId, admin, id, { change: 'created', active });
    return topic;
  }

  async update(deskId: string, id: string, change: TopicChange, admin?: AuditActor): Promise<Topic> {
    const completed = { ...(change.names && { names: this.completeNames(change.names) }), active: change.active };
    if (!(await this.repository.update(deskId, id, completed, this.clock.now().toISOString()))) throw new AppError('topic_not_found');
    const topic = (await this.repository.find(deskId, id))!;
    await this.recordChange(deskId, admin, id, { change: 'updated', fields: Object.keys(change), active: topic.active });
    return topic;
  }

  /** `ids`: every topic of the desk, each once, in the new order. */
  async reorder(deskId: string, ids: readonly string[], admin?: AuditActor): Promise<Topic[]> {
    const stored = (await this.repository.list(deskId)).map((topic) => topic.id);
    const sameSet = ids.length === stored.length && new Set(ids).size === ids.length && ids.every((id) => stored.includes(id));
    if (!sameSet) throw new AppError('validation_failed', 'ids (every topic, each once)');
    await this.repository.reorder(deskId, ids, this.clock.now().toISOString());
    await this.recordChange(deskId, admin, 'order', { change: 'reordered', order: ids });
    return this.list(deskId);
  }

  private async recordChange(deskId: string, admin: AuditActor | undefined, targetId: string, detail: Record<string, unknown>): Promise<void> {
    if (!admin) return;
    await this.audit.record({ deskId, actor: admin, action: 'topics.changed', target: { type: 'topic', id: targetId }, detail });
  }

  /** Trimmed names; one is required in each desk language. */
  private completeNames(names: TopicNames): TopicNames {
    const cleaned: TopicNames = {};
    for (const language of UI_LANGUAGES) {
      const name = names[language]?.trim();
      if (name) cleaned[language] = name;
    }
    const missing = this.languages.filter((language) => !cleaned[language]);
    if (missing.length) throw new AppError('validation_failed', `names.${missing.join(', names.')}`);
    return cleaned;
  }
}

/** A configured topic's names from `common:topics.<id>`; its id where the locale files have none. */
function localeNames(id: string): TopicNames {
  return Object.fromEntries(UI_LANGUAGES.map((language) => [language, localeName(id, language)]));
}

function localeName(id: string, language: UiLanguage): string {
  return translator(language)(`topics.${id}`, { defaultValue: id });
}
