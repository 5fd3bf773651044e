import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Where a counted link in a digest leads. The token never carries a URL:
 * the target is rebuilt from these fields at click time, so a valid token
 * can only ever lead to one of our own pages or to a link the article has.
 */
export type ClickTarget =
  | { kind: 'archive' }
  | { kind: 'concept' }
  | { kind: 'use-case'; useCaseSlug: string }
  /** A link inside the concept article, named by the first 8 bytes of the URL's SHA-256 (hex). */
  | { kind: 'concept-link'; linkHash: string }
  | { kind: 'use-case-link'; useCaseSlug: string; linkHash: string };

/** What one counted link stands for: this link of this issue. No person is named. */
export interface ClickClaim {
  /** The issue, e.g. `2026-W49`. */
  weekKey: string;
  /** The concept: clicks are counted per concept, and the concept page is the fallback target. */
  conceptSlug: string;
  target: ClickTarget;
  /** Signed for an admin preview or a test copy: it redirects, and is never counted. */
  sample: boolean;
}

/** Signs and verifies the ids of the `/r/<id>` click redirect. */
export interface ClickTokens {
  sign(claim: ClickClaim): string;
  /** The claim, `malformed` for anything that cannot be an id, or `forged` for a bad signature. */
  verify(token: string): ClickClaim | 'malformed' | 'forged';
  /**
   * A keyed hash of `parts` (128 bits, hex) in its own key domain: the
   * dedupe key of a click, from which the network address cannot be read back.
   */
  dedupeKey(parts: readonly string[]): string;
}

const VERSION = 1;
const MAC_BYTES = 16;
const HASH_BYTES = 8;
const KINDS = ['archive', 'concept', 'use-case', 'concept-link', 'use-case-link'] as const;
const SAMPLE = 0x80;
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
/** Longest possible id: header 7, two slugs of 80 with their lengths, a hash, the tag; in base64url. */
const MAX_TOKEN_CHARS = Math.ceil(((7 + 2 * 81 + HASH_BYTES + MAC_BYTES) * 4) / 3);

const hasUseCase = (kind: ClickTarget['kind']) => kind === 'use-case' || kind === 'use-case-link';
const hasHash = (kind: ClickTarget['kind']) => kind === 'concept-link' || kind === 'use-case-link';

function slugBytes(slug: string): Buffer {
  if (!SLUG.test(slug)) throw new Error(`not a slug: ${slug}`);
  return Buffer.concat([Buffer.from([slug.length]), Buffer.from(slug, 'ascii')]);
}

/**
 * HMAC-SHA256 ids (128-bit tag) over version (1 byte), kind and the sample
 * flag (1), ISO year (2) and week (1), the concept slug, then the use-case
 * slug and the link hash where the kind needs them; base64url, about 60
 * characters for a page link. Same secret as the other email links, its own
 * key domain. No expiry: the id names no person, and archived emails should
 * keep working. Identical for every recipient of an issue, so the digest is
 * still rendered once per issue.
 */
export function createClickTokens(secret: string): ClickTokens {
  if (secret.length < 16) throw new Error('the token secret must be at least 16 characters');
  const mac = (payload: Buffer) =>
    createHmac('sha256', `concept-tutor/click-token/v1\0${secret}`)
      .update(payload)
      .digest()
      .subarray(0, MAC_BYTES);
  return {
    sign(claim) {
      const week = WEEK.exec(claim.weekKey);
      if (!week) throw new Error(`not a week key: ${claim.weekKey}`);
      const { target } = claim;
      const head = Buffer.alloc(5);
      head[0] = VERSION;
      head[1] = KINDS.indexOf(target.kind) | (claim.sample ? SAMPLE : 0);
      head.writeUInt16BE(Number(week[1]), 2);
      head[4] = Number(week[2]);
      const parts = [head, slugBytes(claim.conceptSlug)];
      if (target.kind === 'use-case' || target.kind === 'use-case-link')
        parts.push(slugBytes(target.useCaseSlug));
      if (target.kind === 'concept-link' || target.kind === 'use-case-link') {
        if (!/^[0-9a-f]{16}$/.test(target.linkHash)) throw new Error(`not a link hash: ${target.linkHash}`);
        parts.push(Buffer.from(target.linkHash, 'hex'));
      }
      const payload = Buffer.concat(parts);
      return Buffer.concat([payload, mac(payload)]).toString('base64url');
    },

    dedupeKey(parts) {
      return createHmac('sha256', `concept-tutor/click-dedupe/v1\0${secret}`)
        .update(parts.join('\0'))
        .digest()
        .subarray(0, 16)
        .toString('hex');
    },

    verify(token) {
      if (token.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) return 'malformed';
      const bytes = Buffer.from(token, 'base64url');
      // Canonical base64url only: a re-encoding with other padding bits is not the id we issued.
      if (bytes.length < 7 + MAC_BYTES || bytes.toString('base64url') !== token) return 'malformed';
      const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
      if (!timingSafeEqual(mac(payload), bytes.subarray(bytes.length - MAC_BYTES))) return 'forged';
      // Signed by us, so what follows was written by sign(); the checks guard against a future format.
      const kind = KINDS[(payload[1] ?? 0) & ~SAMPLE];
      if (payload[0] !== VERSION || kind === undefined) return 'malformed';
      let at = 5;
      const slug = (): string | null => {
        const length = payload[at] ?? 0;
        const value = payload.subarray(at + 1, at + 1 + length).toString('ascii');
        at += 1 + length;
        return SLUG.test(value) && value.length === length ? value : null;
      };
      const conceptSlug = slug();
      const useCaseSlug = hasUseCase(kind) ? slug() : '';
      const linkHash = hasHash(kind) ? payload.subarray(at, at + HASH_BYTES).toString('hex') : '';
      if (hasHash(kind)) at += HASH_BYTES;
      if (conceptSlug === null || useCaseSlug === null || at !== payload.length) return 'malformed';
      const weekKey = `${payload.readUInt16BE(2)}-W${String(payload[4]).padStart(2, '0')}`;
      const target: ClickTarget =
        kind === 'use-case'
          ? { kind, useCaseSlug }
          : kind === 'concept-link'
            ? { kind, linkHash }
            : kind === 'use-case-link'
              ? { kind, useCaseSlug, linkHash }
              : { kind };
      return { weekKey, conceptSlug, target, sample: ((payload[1] ?? 0) & SAMPLE) !== 0 };
    },
  };
}
