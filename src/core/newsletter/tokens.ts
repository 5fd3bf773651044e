import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a signed token may be used for; a token for one purpose never works for another. */
export type SignedPurpose = 'unsubscribe' | 'manage';

const PURPOSE_BYTE: Record<SignedPurpose, number> = { unsubscribe: 1, manage: 2 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAC_BYTES = 16;

/** Signs and verifies the tokens in unsubscribe and data links. */
export interface TokenSigner {
  /** A URL-safe token naming the subscriber; `expiresAt` null means it never expires. */
  sign(purpose: SignedPurpose, subscriberId: string, expiresAt: Date | null): string;
  /** The subscriber id, `expired`, or null for anything forged, malformed or meant for another purpose. */
  verify(purpose: SignedPurpose, token: string, now: Date): { subscriberId: string } | 'expired' | null;
}

/**
 * HMAC-signed tokens: purpose (1 byte) + subscriber uuid (16) + expiry in
 * seconds (4) + a 128-bit HMAC-SHA256 tag, base64url: 50 characters. Signed
 * rather than stored, so the digest needs no database write per recipient to
 * put a working unsubscribe link in every email; a deleted subscriber's tokens
 * point at nothing.
 */
export function createTokenSigner(secret: string): TokenSigner {
  if (secret.length < 16) throw new Error('the token secret must be at least 16 characters');
  const mac = (payload: Buffer) =>
    createHmac('sha256', `concept-tutor/newsletter-token/v1\0${secret}`)
      .update(payload)
      .digest()
      .subarray(0, MAC_BYTES);
  return {
    sign(purpose, subscriberId, expiresAt) {
      if (!UUID.test(subscriberId)) throw new Error(`not a subscriber id: ${subscriberId}`);
      const payload = Buffer.alloc(21);
      payload[0] = PURPOSE_BYTE[purpose];
      Buffer.from(subscriberId.replace(/-/g, ''), 'hex').copy(payload, 1);
      payload.writeUInt32BE(expiresAt ? Math.ceil(expiresAt.getTime() / 1000) : 0, 17);
      return Buffer.concat([payload, mac(payload)]).toString('base64url');
    },
    verify(purpose, token, now) {
      if (!/^[A-Za-z0-9_-]{50}$/.test(token)) return null;
      const bytes = Buffer.from(token, 'base64url');
      if (bytes.length !== 21 + MAC_BYTES) return null;
      const payload = bytes.subarray(0, 21);
      if (!timingSafeEqual(mac(payload), bytes.subarray(21))) return null;
      if (payload[0] !== PURPOSE_BYTE[purpose]) return null;
      const expires = payload.readUInt32BE(17);
      if (expires !== 0 && expires * 1000 <= now.getTime()) return 'expired';
      const hex = payload.subarray(1, 17).toString('hex');
      return {
        subscriberId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      };
    },
  };
}

/** A fresh random confirm token (256 bits) and the hash that is stored instead of it. */
export function createConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashConfirmToken(token) };
}

/** The stored form of a confirm token: a database leak exposes no working link. */
export function hashConfirmToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
