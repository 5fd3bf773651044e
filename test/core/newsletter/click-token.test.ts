import { describe, expect, it } from 'vitest';
import { type ClickClaim, createClickTokens } from '../../../src/core/newsletter/click-token.js';
import { createRecallTokens } from '../../../src/core/newsletter/recall-token.js';
import { createTokenSigner } from '../../../src/core/newsletter/tokens.js';

const SECRET = 'a-test-secret-of-enough-length-0123456789';
const tokens = createClickTokens(SECRET);
const now = new Date('2026-12-01T09:00:00Z');

const claims: ClickClaim[] = [
  { weekKey: '2026-W49', conceptSlug: 'rag', target: { kind: 'archive' }, sample: false },
  { weekKey: '2026-W49', conceptSlug: 'rag', target: { kind: 'concept' }, sample: false },
  {
    weekKey: '2026-W01',
    conceptSlug: 'prompt-caching',
    target: { kind: 'use-case', useCaseSlug: 'support-bot' },
    sample: true,
  },
  {
    weekKey: '2027-W53',
    conceptSlug: 'rag',
    target: { kind: 'concept-link', linkHash: '0123456789abcdef' },
    sample: false,
  },
  {
    weekKey: '2026-W49',
    conceptSlug: 'rag',
    target: { kind: 'use-case-link', useCaseSlug: 'support-bot', linkHash: 'fedcba9876543210' },
    sample: false,
  },
];

describe('createClickTokens', () => {
  it('round-trips every kind of target in a compact URL-safe id', () => {
    for (const claim of claims) {
      const token = tokens.sign(claim);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(tokens.verify(token)).toEqual(claim);
    }
    // A page link of a typical issue: well under 100 characters.
    expect(tokens.sign(claims[1]!).length).toBeLessThanOrEqual(40);
    expect(tokens.sign(claims[4]!).length).toBeLessThanOrEqual(80);
  });

  it('gives every recipient the same id for the same link: it names no person', () => {
    expect(tokens.sign(claims[0]!)).toBe(createClickTokens(SECRET).sign(claims[0]!));
  });

  it('never accepts an id with any character changed, cut short or lengthened', () => {
    for (const claim of claims) {
      const token = tokens.sign(claim);
      for (let i = 0; i < token.length; i++) {
        const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
        expect(['forged', 'malformed']).toContain(tokens.verify(changed));
      }
      expect(['forged', 'malformed']).toContain(tokens.verify(token.slice(0, -1)));
      expect(['forged', 'malformed']).toContain(tokens.verify(`${token}A`));
    }
  });

  it('refuses an id signed with another secret as forged', () => {
    const other = createClickTokens('another-secret-of-enough-length-987654');
    expect(tokens.verify(other.sign(claims[0]!))).toBe('forged');
  });

  it('refuses the other email tokens (wrong purpose), and is refused by them', () => {
    const signer = createTokenSigner(SECRET);
    const unsubscribe = signer.sign('unsubscribe', '3f2b8c1e-6a1d-4c2e-9b7a-0d1e2f3a4b5c', null);
    expect(['forged', 'malformed']).toContain(tokens.verify(unsubscribe));
    const recall = createRecallTokens(SECRET).sign(
      {
        subscriberId: '3f2b8c1e-6a1d-4c2e-9b7a-0d1e2f3a4b5c',
        weekKey: '2026-W49',
        itemId: 'rag~abc',
        choice: 1,
      },
      new Date(now.getTime() + 86_400_000),
    );
    expect(['forged', 'malformed']).toContain(tokens.verify(recall));
    const click = tokens.sign(claims[0]!);
    expect(signer.verify('unsubscribe', click, now)).toBeNull();
    expect(createRecallTokens(SECRET).verify(click, now)).toBeNull();
  });

  it('calls bad input malformed: empty, too long, not base64url, or non-canonical', () => {
    expect(tokens.verify('')).toBe('malformed');
    expect(tokens.verify('a'.repeat(1000))).toBe('malformed');
    expect(tokens.verify('abc/def+ghi=')).toBe('malformed');
    expect(tokens.verify('../../etc/passwd')).toBe('malformed');
    expect(tokens.verify('https://evil.example')).toBe('malformed');
    expect(tokens.verify('short')).toBe('malformed');
  });

  it('refuses to sign what no id may carry', () => {
    expect(() => tokens.sign({ ...claims[0]!, weekKey: '2026-49' })).toThrow(/not a week key/);
    expect(() => tokens.sign({ ...claims[0]!, conceptSlug: '../x' })).toThrow(/not a slug/);
    expect(() =>
      tokens.sign({ ...claims[0]!, target: { kind: 'concept-link', linkHash: 'https://evil.example' } }),
    ).toThrow(/not a link hash/);
    expect(() => createClickTokens('short')).toThrow(/at least 16/);
  });

  it('derives dedupe keys that differ per part and per secret, and reveal none of the parts', () => {
    const key = tokens.dedupeKey(['1', '203.0.113.7', '2026-W49', 'concept']);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).not.toContain('203');
    expect(tokens.dedupeKey(['1', '203.0.113.7', '2026-W49', 'concept'])).toBe(key);
    expect(tokens.dedupeKey(['2', '203.0.113.7', '2026-W49', 'concept'])).not.toBe(key);
    expect(tokens.dedupeKey(['1', '203.0.113.8', '2026-W49', 'concept'])).not.toBe(key);
    expect(
      createClickTokens('another-secret-of-enough-length-987654').dedupeKey([
        '1',
        '203.0.113.7',
        '2026-W49',
        'concept',
      ]),
    ).not.toBe(key);
  });
});
