/**
 * A private link (/booking#<token>, /message#<token>) opens the page once: the token is taken out
 * of the address bar and the history (history.replaceState), so it is not shown over the
 * visitor's shoulder, synced as a history entry or bookmarked, and kept in this tab's session
 * storage so a reload still works.
 */
import { memoryStorage, type KeyValueStorage } from '../common/storage';

const TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

export interface AddressBar {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
}

/** The page's token: from the link's fragment (then removed from the address), else the one this tab kept. */
export function takePrivateToken(page: string, { location, history }: AddressBar, tabStorage: KeyValueStorage): string | null {
  const key = `ek.private-link.${page}`;
  const fromLink = location.hash.replace(/^#/, '');
  if (TOKEN.test(fromLink)) {
    try {
      tabStorage.setItem(key, fromLink);
    } catch {
      // Without storage a reload needs the link again; the address bar is cleaned all the same.
    }
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromLink;
  }
  const kept = tabStorage.getItem(key);
  return kept && TOKEN.test(kept) ? kept : null;
}

/** This tab's session storage, or memory where the browser refuses it. */
export function tabStorage(): KeyValueStorage {
  try {
    return sessionStorage;
  } catch {
    return memoryStorage();
  }
}
