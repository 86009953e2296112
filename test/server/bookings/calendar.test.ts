import { describe, expect, it } from 'vitest';
import { bookingCalendar } from '../../../src/server/bookings/calendar';
import type { Booking } from '../../../src/server/bookings/types';

const BOOKING: Booking = {
  id: '5f0c6f2e-1b7a-4a55-9d0e-3f1f4b8f2a10',
  desk_id: 'desk',
  token_hash: 'hash',
  language: 'en',
  topic: 'work',
  call_kind: 'video',
  email: 'visitor@example.org',
  email_key: 'visitor@example.org',
  client_key: null,
  visitor_time_zone: 'Europe/Kyiv',
  starts_at: '2026-03-30T09:00:00.000Z',
  ends_at: '2026-03-30T09:20:00.000Z',
  status: 'booked',
  sequence: 0,
  conversation_id: null,
  created_at: '2026-03-20T09:00:00.000Z',
  updated_at: '2026-03-20T09:00:00.000Z',
  reminded_day_at: null,
  reminded_hour_at: null,
  followed_up_at: null,
};
const TEXT = { title: 'Call with the office', description: 'Video call — Work', url: 'https://desk.example/booking#token', organizer: { name: 'Office', email: 'desk@example.org' } };

/** The alarms' triggers, from the unfolded lines of the file. */
function alarmTriggers(ics: string): string[] {
  const blocks = ics.replace(/\r\n[ \t]/g, '').split('BEGIN:VALARM').slice(1);
  return blocks.map((block) => /TRIGGER[^:]*:(\S+)/.exec(block)?.[1] ?? 'none');
}

describe('the booking calendar file', () => {
  it('reminds the visitor the day before and an hour before the call', () => {
    const ics = bookingCalendar(BOOKING, TEXT);
    expect(alarmTriggers(ics)).toEqual(['-PT24H', '-PT1H']);
    expect(ics).toContain('ACTION:DISPLAY');
  });

  it('carries no reminder once the booking is cancelled', () => {
    const ics = bookingCalendar({ ...BOOKING, status: 'cancelled', sequence: 1 }, TEXT);
    expect(alarmTriggers(ics)).toEqual([]);
    expect(ics).toContain('METHOD:CANCEL');
  });
});
