import { UserFacingError } from '../../../../src/core/errors.js';
import type { NewsletterSignup } from '../../../../src/core/ports.js';

/** A hand-written NewsletterSignup that records its calls and validates addresses the way the port promises. */
export function createRecordingNewsletter(): NewsletterSignup & {
  calls: Array<{ action: 'subscribe' | 'unsubscribe'; email: string; source: string }>;
} {
  const calls: Array<{ action: 'subscribe' | 'unsubscribe'; email: string; source: string }> = [];
  const check = (email: string) => {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new UserFacingError(
        'INVALID_EMAIL',
        `"${email}" doesn't look like an email address. Try /subscribe you@example.com`,
      );
  };
  return {
    calls,
    async subscribe({ email, source }) {
      check(email);
      calls.push({ action: 'subscribe', email, source });
      return { message: `Check ${email} for a confirmation link to finish subscribing.` };
    },
    async unsubscribe({ email, source }) {
      check(email);
      calls.push({ action: 'unsubscribe', email, source });
      return { message: `${email} will get no more digests.` };
    },
  };
}
