import { createHash } from 'node:crypto';

/**
 * Pseudonymises a platform user id. The question log, rate limits and budgets
 * need a stable per-user key, but not who the user is.
 */
export function hashUser(salt: string, platform: string, userId: string): string {
  return createHash('sha256').update(`${salt}\0${platform}\0${userId}`).digest('hex');
}
