/**
 * The message box's rules, shared by the visitor page and the console: when Enter sends, and how
 * a draft measures against the desk's length limit. Pure, so they are unit-tested without a DOM.
 */

/** The counter appears once the message is this close to the limit. */
export const COUNTER_FROM = 0.8;

export interface EnterKey {
  key: string;
  shiftKey: boolean;
  isComposing: boolean;
}

/**
 * Enter sends only where the primary pointer is fine (mouse, trackpad): there a keyboard is at
 * hand and Shift+Enter adds a line. On touch screens Enter adds a line and the Send button sends,
 * as people expect from an on-screen keyboard. An IME composition is never interrupted.
 */
export function sendsOnEnter(event: EnterKey, enterSends: boolean): boolean {
  return enterSends && event.key === 'Enter' && !event.shiftKey && !event.isComposing;
}

type MatchMedia = (query: string) => Pick<MediaQueryList, 'matches'>;

export const FINE_POINTER_QUERY = '(pointer: fine)';

/** Whether the primary pointer is fine; without matchMedia (old browsers) we assume a desktop. */
export function hasFinePointer(matchMedia: MatchMedia | undefined = globalThis.matchMedia): boolean {
  return typeof matchMedia === 'function' ? matchMedia(FINE_POINTER_QUERY).matches : true;
}

export interface Draft {
  /** What would be sent: the text without surrounding white space. */
  body: string;
  length: number;
  tooLong: boolean;
  showCounter: boolean;
  canSend: boolean;
}

/** Measures a draft against the limit; a message over it is refused, never cut short. */
export function measureDraft(text: string, maxLength: number): Draft {
  const body = text.trim();
  const length = body.length;
  const tooLong = length > maxLength;
  return { body, length, tooLong, showCounter: length >= maxLength * COUNTER_FROM, canSend: length > 0 && !tooLong };
}
