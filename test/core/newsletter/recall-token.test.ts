import { describe, expect, it } from 'vitest';
import { createRecallTokens } from '../../../src/core/newsletter/recall-token.js';
import { createTokenSigner } from '../../../src/core/newsletter/tokens.js';

const SECRET = 'a-test-secret-of-enough-length-0123456789';
const tokens = createRecallTokens(SECRET);
const claim = {
  subscriberId: '3f2b8c1e-6a1d-4c2e-9b7a-0d1e2f3a4b5c',
  weekKey: '2026-W49',
  itemId: 'rag~1a2b3c4d',
  choice: 2,
};
const now = new Date('2026-12-01T08:00:00Z');
const later = new Date('2027-01-30T08:00:00Z');

/** Flips one bit of the token's bytes at `index` and re-encodes it. */
function flip(token: string, index: number): string {
  const bytes = Buffer.from(token, 'base64url');
  bytes[index] = bytes[index]! ^ 1;
  return bytes.toString('base64url');
}

describe('recall tokens', () => {
  it('round-trips subscriber, issue, item and option, URL-safe', () => {
    const token = tokens.sign(claim, later);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(tokens.verify(token, now)).toEqual(claim);
  });

  it('refuses a token whose subscriber, option, week or item bytes were changed (forged signature)', () => {
    const token = tokens.sign(claim, later);
    // subscriber (1..16), expiry (17..20), choice (21), week (22..29), item (30..)
    for (const index of [1, 16, 18, 21, 25, 31]) expect(tokens.verify(flip(token, index), now)).toBeNull();
  });

  it('refuses a token signed with another secret, an unsubscribe token, and malformed input', () => {
    const other = createRecallTokens('another-secret-of-enough-length-xyz').sign(claim, later);
    expect(tokens.verify(other, now)).toBeNull();
    const unsubscribe = createTokenSigner(SECRET).sign('unsubscribe', claim.subscriberId, null);
    expect(tokens.verify(unsubscribe, now)).toBeNull();
    for (const bad of ['', 'abc', 'not a token!', 'A'.repeat(401), tokens.sign(claim, later).slice(0, -3)])
      expect(tokens.verify(bad, now)).toBeNull();
  });

  it('says expired once the expiry has passed', () => {
    const token = tokens.sign(claim, later);
    expect(tokens.verify(token, new Date(later.getTime() + 1000))).toBe('expired');
  });

  it('refuses to sign what it could not verify', () => {
    expect(() => tokens.sign({ ...claim, subscriberId: 'x' }, later)).toThrow(/subscriber id/);
    expect(() => tokens.sign({ ...claim, weekKey: '2026-49' }, later)).toThrow(/week key/);
    expect(() => tokens.sign({ ...claim, choice: 10 }, later)).toThrow(/option index/);
    expect(() => tokens.sign({ ...claim, itemId: 'x'.repeat(121) }, later)).toThrow(/item id/);
    expect(() => createRecallTokens('short')).toThrow(/16 characters/);
  });
});
