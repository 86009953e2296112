import type { CallPolicy, DeskInfo } from '../../shared/protocol';
import type { Config } from '../config';
import type { MailOutbox } from '../mail/outbox';
import type { OfficeService } from '../office/service';
import type { RoutingService } from '../routing/service';
import type { ScheduleService } from '../schedule/service';
import type { TopicService } from '../topics/service';
import type { Desk } from './desk';

export interface DeskInfoSources {
  desk: Desk;
  schedule: ScheduleService;
  topics: TopicService;
  office: OfficeService;
  routing: Pick<RoutingService, 'languagesOnDuty'>;
  mail: Pick<MailOutbox, 'enabled'>;
  files: Config['files'];
  calls: Config['calls'];
}

export type CallPolicyLookup = (deskId: string) => Promise<CallPolicy>;

/**
 * What the visitor page needs before anything else: languages, topics, whether it is open, who is
 * on duty and whether e-mail is sent (`GET /api/desk`, and written into the page itself). Parts
 * owned by modules created after this one register their source here (calls: whether a visitor may
 * start a call).
 */
export class DeskInfoService {
  private callPolicyOf: CallPolicyLookup;

  constructor(private readonly sources: DeskInfoSources) {
    this.callPolicyOf = async () => ({ visitorMayStart: sources.calls.visitorMayStart });
  }

  useCallPolicy(lookup: CallPolicyLookup): void {
    this.callPolicyOf = lookup;
  }

  async current(): Promise<DeskInfo> {
    const { desk, schedule, topics, office, routing, mail, files, calls } = this.sources;
    const [status, topicList, officeInfo, callPolicy, languagesOnDuty] = await Promise.all([
      schedule.status(desk.id),
      topics.list(desk.id),
      office.info(desk.id),
      this.callPolicyOf(desk.id),
      routing.languagesOnDuty(),
    ]);
    return {
      name: desk.name,
      languages: [...desk.languages],
      defaultLanguage: desk.defaultLanguage,
      topics: topicList.filter((topic) => topic.active).map((topic) => topic.id),
      topicNames: Object.fromEntries(topicList.map((topic) => [topic.id, topic.names])),
      schedule: status,
      languagesOnDuty,
      sendsEmail: mail.enabled,
      maxMessageLength: desk.maxMessageLength,
      files: { maxBytes: files.maxBytes, types: [...files.types], perConversation: files.perConversation },
      calls: { visitorMayStart: callPolicy.visitorMayStart, video: { ...calls.video } },
      office: officeInfo,
    };
  }
}
