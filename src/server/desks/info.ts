import type { DeskInfo } from '../../shared/protocol';
import type { Config } from '../config';
import type { OfficeService } from '../office/service';
import type { ScheduleService } from '../schedule/service';
import type { TopicService } from '../topics/service';
import type { Desk } from './desk';

export interface DeskInfoSources {
  desk: Desk;
  schedule: ScheduleService;
  topics: TopicService;
  office: OfficeService;
  files: Config['files'];
  calls: Config['calls'];
}

/** What the visitor page needs before anything else: languages, topics, and whether it is open. */
export async function deskInfo({ desk, schedule, topics, office, files, calls }: DeskInfoSources): Promise<DeskInfo> {
  const [status, topicList, officeInfo] = await Promise.all([schedule.status(desk.id), topics.list(desk.id), office.info(desk.id)]);
  return {
    name: desk.name,
    languages: [...desk.languages],
    defaultLanguage: desk.defaultLanguage,
    topics: topicList.filter((topic) => topic.active).map((topic) => topic.id),
    topicNames: Object.fromEntries(topicList.map((topic) => [topic.id, topic.names])),
    schedule: status,
    maxMessageLength: desk.maxMessageLength,
    files: { maxBytes: files.maxBytes, types: [...files.types], perConversation: files.perConversation },
    calls: { visitorMayStart: calls.visitorMayStart, video: { ...calls.video } },
    office: officeInfo,
  };
}
