import type { JSX } from 'preact';
import type { DeskInfo } from '../../../shared/protocol';

/** The private page's path; its token follows `#`, which the browser sends to no server. */
export const MESSAGE_PAGE_PATH = '/message';

export function isMessagePage(): boolean {
  return location.pathname === MESSAGE_PAGE_PATH;
}

/** The private page of a left message, loaded only by those who open one. */
export async function messagePage(desk: DeskInfo): Promise<JSX.Element> {
  const { MessagePage } = await import('./message-page');
  return <MessagePage desk={desk} />;
}
