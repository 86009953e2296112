/**
 * ICE servers for one call. TURN credentials follow coturn's REST scheme (`use-auth-secret`): the
 * username is `<unix expiry>:<id>` and the password base64(HMAC-SHA1(secret, username)), so coturn
 * checks them with the shared secret alone and they stop working at the expiry. The secret itself
 * never leaves the server.
 */
import { createHmac } from 'node:crypto';
import type { IceServer } from '../../shared/protocol';
import type { Config } from '../config';

export interface TurnCredential {
  username: string;
  credential: string;
  expiresAt: Date;
}

export function turnCredential(secret: string, id: string, now: Date, ttlSeconds: number): TurnCredential {
  const expiry = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const username = `${expiry}:${id}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt: new Date(expiry * 1000) };
}

export function iceServersFor(settings: Config['calls'], id: string, now: Date): { iceServers: IceServer[]; expiresAt: Date } {
  const iceServers: IceServer[] = [];
  if (settings.stunUrls.length > 0) iceServers.push({ urls: [...settings.stunUrls] });
  const credential = settings.turnSecret ? turnCredential(settings.turnSecret, id, now, settings.turnTtlSeconds) : null;
  if (credential && settings.turnUrls.length > 0) {
    iceServers.push({ urls: [...settings.turnUrls], username: credential.username, credential: credential.credential });
  }
  return { iceServers, expiresAt: credential?.expiresAt ?? new Date(now.getTime() + settings.turnTtlSeconds * 1000) };
}
