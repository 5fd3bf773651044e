import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of `value` under `key`, base64url. */
export function hmac(key: string | Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

/**
 * True when two strings are equal, in time that does not depend on where they
 * differ. Both sides are hashed first, so their lengths leak nothing either
 * (timingSafeEqual itself throws on unequal lengths).
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** `value.signature`, for cookies the server must be able to trust on the way back. */
export function signValue(key: string | Buffer, value: string): string {
  return `${value}.${hmac(key, value)}`;
}

/** The value of a {@link signValue} string, or null when it was tampered with. */
export function unsignValue(key: string | Buffer, signed: string | undefined): string | null {
  if (!signed) return null;
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  return constantTimeEqual(signed.slice(dot + 1), hmac(key, value)) ? value : null;
}
