import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SnsHttp } from '../../src/adapters/email/webhooks/sns-http.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/webhooks');
/** The test stand-in for the SNS signing certificate and its key. */
export const SNS_TEST_CERT = readFileSync(path.join(FIXTURES, 'sns-test-cert.pem'), 'utf8');
export const SNS_TEST_KEY = readFileSync(path.join(FIXTURES, 'sns-test-key.pem'), 'utf8');

/**
 * A local SNS: serves the test certificate for any `.pem` URL and answers
 * SubscribeURLs with 200, recording every URL it was asked for (what the
 * host check let through). Plugged in through ContainerOptions.snsHttp.
 */
export function createFakeSnsHttp(): SnsHttp & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async get(url) {
      calls.push(url.href);
      if (url.pathname.endsWith('.pem')) return SNS_TEST_CERT;
      if (url.searchParams.get('Action') === 'ConfirmSubscription') return '<ConfirmSubscriptionResponse/>';
      throw new Error(`fake SNS: nothing at ${url.href}`);
    },
  };
}
