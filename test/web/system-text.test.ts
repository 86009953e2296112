import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/shared/protocol';
import type { Translate } from '../../src/web/common/i18n';
import { systemEventKey, systemText } from '../../src/web/common/system-text';

const t: Translate = (key, values = {}) => `${key}${values.name ? `(${values.name})` : ''}`;
const system = (event: Message['event'], authorName: string | null = null): Message => ({
  seq: 1,
  clientId: null,
  author: 'system',
  authorName,
  body: 'fallback',
  event,
  sentAt: '2025-03-03T10:00:00.000Z',
});

describe('system messages', () => {
  it('tell the visitor that they themselves ended the conversation', () => {
    expect(systemEventKey('visitor_left', 'visitor')).toBe('visitor:system.visitor_left');
    expect(systemEventKey('visitor_left', 'console')).toBe('common:system.visitor_left');
  });

  it('do not ask consultants to wait for a consultant', () => {
    expect(systemEventKey('conversation_started', 'console')).toBe('console:system.conversation_started');
    expect(systemEventKey('conversation_started', 'visitor')).toBe('common:system.conversation_started');
  });

  it('name the consultant who joined, or fall back to the body for unknown events', () => {
    expect(systemText(t, system('consultant_joined', 'Anna'), 'visitor')).toBe('common:system.consultant_joined(Anna)');
    expect(systemText(t, system('consultant_joined'), 'console')).toBe(
      'common:system.consultant_joined(common:author.consultant)',
    );
    expect(systemText(t, system(null), 'console')).toBe('fallback');
  });
});
