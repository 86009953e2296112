/**
 * A random id for this browser, made the first time a visitor allows consultants to see their
 * earlier conversations from this device, and sent only with such a conversation. The server keeps
 * only its hash. It is not a fingerprint: clearing the site's data forgets it.
 */
import type { KeyValueStorage } from '../common/storage';

const DEVICE_KEY = 'ek.visitor.device';
const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function deviceId(storage: KeyValueStorage): string {
  const stored = storage.getItem(DEVICE_KEY);
  if (stored && DEVICE_ID.test(stored)) return stored;
  const fresh = crypto.randomUUID().replace(/-/g, '');
  storage.setItem(DEVICE_KEY, fresh);
  return fresh;
}
