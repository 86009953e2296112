/**
 * The visitor's rating of a conversation once it has ended, or of their left message once it is
 * answered: once per subject, skippable (nothing is stored until they rate). The rating is counted
 * in the aggregate store per channel, language (the one the visitor speaks, as the rest of the
 * reports count it), topic and consultant; the comment is kept apart,
 * without any link to the conversation — supervisors read comments and the distribution only.
 */
import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { RateRequest, SatisfactionComment } from '../../shared/protocol';
import type { Clock } from '../clock';
import type { ConversationService } from '../conversations/service';
import { AppError } from '../errors';
import type { InboxService } from '../inbox/service';
import { conversationChannel, countedLanguage, type Channel, type ReportFact } from '../reports/facts';
import { dayRange } from '../reports/rebuild';
import type { ReportService } from '../reports/service';
import type { SatisfactionRepository } from './repository';

export interface SatisfactionDeps {
  repository: SatisfactionRepository;
  conversations: Pick<ConversationService, 'findByToken'>;
  inbox: Pick<InboxService, 'forVisitor'>;
  reports: Pick<ReportService, 'recordInTransaction'>;
  clock: Clock;
  timeZone: string;
}

interface Subject {
  id: string;
  deskId: string;
  language: string;
  topic: string;
  channel: Channel;
  staffId: string | null;
}

export class SatisfactionService {
  constructor(private readonly deps: SatisfactionDeps) {}

  async rateConversation(visitorToken: string, request: RateRequest): Promise<void> {
    const conversation = await this.deps.conversations.findByToken(visitorToken);
    if (conversation.status !== 'closed') throw new AppError('satisfaction_not_yet');
    await this.rate(
      {
        id: conversation.id,
        deskId: conversation.desk_id,
        language: countedLanguage(conversation),
        topic: conversation.topic,
        channel: conversationChannel(conversation),
        staffId: conversation.assignee_id,
      },
      request,
    );
  }

  async rateLeftMessage(privateToken: string, request: RateRequest): Promise<void> {
    const message = await this.deps.inbox.forVisitor(privateToken);
    if (!message.answered_at) throw new AppError('satisfaction_not_yet');
    const { id, desk_id: deskId, language, topic, answered_by: staffId } = message;
    await this.rate({ id, deskId, language, topic, channel: 'left_message', staffId }, request);
  }

  private async rate(subject: Subject, { rating, comment }: RateRequest): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    const fact: ReportFact = { deskId: subject.deskId, measure: 'satisfaction', at: now, language: subject.language, topic: subject.topic, channel: subject.channel, staffId: subject.staffId, rating };
    const text = comment?.trim();
    const stored = text
      ? { id: randomUUID(), desk_id: subject.deskId, created_at: now, language: subject.language, channel: subject.channel, rating, comment: text }
      : null;
    const rated = await this.deps.repository.rateOnce({ subject_id: subject.id, desk_id: subject.deskId, created_at: now }, stored, (trx) =>
      this.deps.reports.recordInTransaction(trx, fact),
    );
    if (!rated) throw new AppError('satisfaction_already_given');
  }

  /** Comments of the office days [from, to], newest first, each with its office day. */
  async comments(deskId: string, from: string, to: string): Promise<SatisfactionComment[]> {
    const range = dayRange(from, to, this.deps.timeZone);
    const rows = await this.deps.repository.comments(deskId, range.from, range.to);
    return rows.map((row) => ({
      day: Temporal.Instant.from(row.created_at).toZonedDateTimeISO(this.deps.timeZone).toPlainDate().toString(),
      language: row.language,
      channel: row.channel,
      rating: row.rating,
      comment: row.comment,
    }));
  }
}
