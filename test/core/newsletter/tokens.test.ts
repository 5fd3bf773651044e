import { describe, expect, it } from 'vitest';
import {
  createConfirmToken,
  createTokenSigner,
  hashConfirmToken,
} from '../../../src/core/newsletter/tokens.js';

const id = '3f2b8c1e-6a1d-4c2e-9b7a-0d1e2f3a4b5c';
const now = new Date('2026-11-24T09:00:00Z');
const signer = createTokenSigner('a-test-secret-of-enough-length-0123456789');

describe('createTokenSigner', () => {
  it('round-trips a subscriber id in a 50-character URL-safe token', () => {
    const token = signer.sign('unsubscribe', id, null);
    expect(token).toMatch(/^[A-Za-z0-9_-]{50}$/);
    expect(signer.verify('unsubscribe', token, now)).toEqual({ subscriberId: id });
  });

  it('never accepts a token for another purpose, a tampered token or one signed with another secret', () => {
    const token = signer.sign('unsubscribe', id, null);
    expect(signer.verify('manage', token, now)).toBeNull();
    const flipped = token[5] === 'A' ? 'B' : 'A';
    expect(signer.verify('unsubscribe', token.slice(0, 5) + flipped + token.slice(6), now)).toBeNull();
    expect(
      createTokenSigner('another-secret-of-enough-length-987654').verify('unsubscribe', token, now),
    ).toBeNull();
    expect(signer.verify('unsubscribe', 'short', now)).toBeNull();
    expect(signer.verify('unsubscribe', `${token}x`, now)).toBeNull();
  });

  it('reports expiry separately, so a page can say "this link has expired"', () => {
    const token = signer.sign('manage', id, new Date(now.getTime() + 60_000));
    expect(signer.verify('manage', token, now)).toEqual({ subscriberId: id });
    expect(signer.verify('manage', token, new Date(now.getTime() + 61_000))).toBe('expired');
  });

  it('refuses a short secret and a malformed id', () => {
    expect(() => createTokenSigner('short')).toThrow(/at least 16/);
    expect(() => signer.sign('manage', 'not-a-uuid', null)).toThrow(/not a subscriber id/);
  });
});

describe('confirm tokens', () => {
  it('are 256-bit random and stored only as a sha256 hash', () => {
    const a = createConfirmToken();
    const b = createConfirmToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashConfirmToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token);
  });
});
