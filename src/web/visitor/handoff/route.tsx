/**
 * A case code's QR link, `/continue#<secret>`: the secret is taken out of the address at once (so
 * it is neither kept in the history nor used twice by a reload), claimed by a chunk loaded only by
 * those who open such a link, and the page goes on as the visitor page with the conversation — or
 * with why it could not.
 */
import type { JSX } from 'preact';
import { CONTINUE_PAGE_PATH, type DeskInfo } from '../../../shared/desk-protocol';
import type { KeyValueStorage } from '../../common/storage';
import { App } from '../app';

export function isContinuePage(): boolean {
  return location.pathname === CONTINUE_PAGE_PATH;
}

export async function continuePage(desk: DeskInfo, storage: KeyValueStorage): Promise<JSX.Element> {
  const secret = location.hash.slice(1);
  history.replaceState(null, '', `/${location.search}`);
  const { claimByLink } = await import('./claim-by-link');
  return <App initialDesk={desk} storage={storage} initialNotice={await claimByLink(storage, secret)} />;
}
