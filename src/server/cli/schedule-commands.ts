/**
 * The schedule from the command line, as in /admin (which also edits the weekly hours and the
 * service period): pause and resume the desk, and the dated exceptions (closed days, special
 * hours). Stored in the database, so running instances apply a change at once.
 *
 *   npm run admin -- pause --message-pl "…" --message-en "…" --message-uk "…" --message-ru "…"
 *   npm run admin -- resume
 *   npm run admin -- add-exception --date 2026-12-31 --closed
 *   npm run admin -- add-exception --date 2026-12-30 --hours 09:00-11:00,12:00-13:00
 *   npm run admin -- remove-exception --date 2026-12-31
 *   npm run admin -- list-exceptions [--all]
 */
import { UI_LANGUAGES, type UiLanguage } from '../../shared/languages';
import type { ScheduleException, ScheduleService } from '../schedule/service';
import { formatTimeRanges } from '../schedule/weekly-hours';

export const SCHEDULE_COMMANDS = ['pause', 'resume', 'add-exception', 'remove-exception', 'list-exceptions'] as const;
export type ScheduleCommand = (typeof SCHEDULE_COMMANDS)[number];

export const SCHEDULE_USAGE = `  npm run admin -- pause --message-pl <text> --message-en <text> … (one --message-<language> per language in LANGUAGES)
  npm run admin -- resume
  npm run admin -- add-exception --date YYYY-MM-DD (--closed | --hours HH:MM-HH:MM[,…])
  npm run admin -- remove-exception --date YYYY-MM-DD
  npm run admin -- list-exceptions [--all]
A pause needs a message in each of the desk's languages (LANGUAGES).`;

/** `--message-<language>` for every interface language, so a new language needs no change here. */
const MESSAGE_OPTIONS = Object.fromEntries(UI_LANGUAGES.map((language) => [`message-${language}`, { type: 'string' }])) as Record<
  `message-${UiLanguage}`,
  { type: 'string' }
>;

export const SCHEDULE_OPTIONS = {
  ...MESSAGE_OPTIONS,
  date: { type: 'string' },
  hours: { type: 'string' },
  closed: { type: 'boolean' },
  all: { type: 'boolean' },
} as const;

export function isScheduleCommand(command: string | undefined): command is ScheduleCommand {
  return (SCHEDULE_COMMANDS as readonly string[]).includes(command ?? '');
}

type Values = Partial<Record<keyof typeof SCHEDULE_OPTIONS, string | boolean>>;

export class ScheduleUsageError extends Error {}

const describe = (exception: ScheduleException) => `${exception.date}  ${exception.hours.length ? formatTimeRanges(exception.hours) : 'closed'}`;

export async function runScheduleCommand(command: ScheduleCommand, values: Values, schedule: ScheduleService, deskId: string): Promise<string> {
  const date = typeof values.date === 'string' ? values.date : undefined;
  switch (command) {
    case 'pause': {
      const messages: Partial<Record<UiLanguage, string>> = {};
      for (const language of UI_LANGUAGES) {
        const text = values[`message-${language}`];
        if (typeof text === 'string') messages[language] = text;
      }
      const pause = await schedule.pause(deskId, messages);
      return `Paused: visitors cannot start new conversations (conversations in progress go on). Messages: ${Object.keys(pause.messages).join(', ')}.`;
    }
    case 'resume':
      return (await schedule.resume(deskId)) ? 'Resumed: the schedule applies again.' : 'The desk was not paused.';
    case 'add-exception': {
      if (!date) throw new ScheduleUsageError('add-exception needs --date YYYY-MM-DD.');
      const hours = values.closed === true ? 'closed' : values.hours;
      if (typeof hours !== 'string' || (values.closed === true && values.hours !== undefined)) {
        throw new ScheduleUsageError('add-exception needs either --closed or --hours HH:MM-HH:MM[,…].');
      }
      return `Exception set: ${describe(await schedule.setException(deskId, date, hours))}`;
    }
    case 'remove-exception':
      if (!date) throw new ScheduleUsageError('remove-exception needs --date YYYY-MM-DD.');
      return (await schedule.removeException(deskId, date)) ? `Exception on ${date} removed.` : `There was no exception on ${date}.`;
    case 'list-exceptions': {
      const exceptions = await schedule.listExceptions(deskId, { all: values.all === true });
      return exceptions.length ? exceptions.map(describe).join('\n') : 'No exceptions.';
    }
  }
}
