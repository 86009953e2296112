import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config';
import { iceServersFor, turnCredential } from '../../../src/server/calls/turn';

describe('TURN credentials (coturn use-auth-secret)', () => {
  // Expected value computed once by hand, independently of this code:
  //   printf '%s' '1767225600:3f2a1c9e-0000-4000-8000-000000000001' | openssl dgst -sha1 -hmac 'north-wind-turn-secret' -binary | base64
  const SECRET = 'north-wind-turn-secret';
  const ID = '3f2a1c9e-0000-4000-8000-000000000001';

  it('matches an HMAC-SHA1 test vector and expires after the lifetime, counted from the given clock', () => {
    const now = new Date('2025-12-31T23:50:00Z');
    const credential = turnCredential(SECRET, ID, now, 600);
    expect(credential.username).toBe(`1767225600:${ID}`);
    expect(credential.credential).toBe('Lruwy5O7hNSo6jN8ekbkB0mnvw4=');
    expect(credential.expiresAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('gives STUN as is and TURN with the per-call credential, never the secret', () => {
    const settings = loadConfig({ STUN_URLS: 'stun:stun.urzad.example:3478', TURN_URLS: 'turn:turn.urzad.example:3478?transport=udp,turns:turn.urzad.example:5349', TURN_SECRET: SECRET }).calls;
    const { iceServers, expiresAt } = iceServersFor(settings, ID, new Date('2025-12-31T23:50:00Z'));
    expect(iceServers).toEqual([
      { urls: ['stun:stun.urzad.example:3478'] },
      { urls: ['turn:turn.urzad.example:3478?transport=udp', 'turns:turn.urzad.example:5349'], username: `1767225600:${ID}`, credential: 'Lruwy5O7hNSo6jN8ekbkB0mnvw4=' },
    ]);
    expect(JSON.stringify(iceServers)).not.toContain(SECRET);
    expect(expiresAt.getTime() - Date.parse('2025-12-31T23:50:00Z')).toBeLessThanOrEqual(600_000);
  });

  it('refuses a lifetime over 10 minutes, and TURN without a secret', () => {
    expect(() => loadConfig({ TURN_TTL_SECONDS: '601' })).toThrow(/TURN_TTL_SECONDS/);
    expect(() => loadConfig({ TURN_URLS: 'turn:turn.urzad.example:3478' })).toThrow(/TURN_SECRET/);
    expect(loadConfig({}).calls).toMatchObject({ turnTtlSeconds: 600, ringSeconds: 30, visitorMayStart: false, video: { width: 640, height: 360, frameRate: 15 } });
  });
});
