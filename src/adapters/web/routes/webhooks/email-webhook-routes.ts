import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorFields } from '../../../../core/errors.js';
import type { BounceService } from '../../../../core/newsletter/bounce-service.js';
import type { EmailWebhookVerifiers } from '../../../email/webhooks/providers.js';
import type { WebhookVerifier } from '../../../email/webhooks/types.js';
import type { WebDeps } from '../../web-deps.js';

/** The largest notification accepted: SendGrid batches are the biggest, well under this. */
export const EMAIL_WEBHOOK_MAX_BYTES = 512 * 1024;

const json = (c: Context, status: 200 | 400 | 401 | 404 | 413 | 500, body: Record<string, unknown>) =>
  c.json(body, status, { 'cache-control': 'no-store' });

/**
 * `POST /webhooks/email/:provider`: bounce and complaint notifications. The
 * provider's verifier authenticates the request exactly as its docs say
 * (src/adapters/email/webhooks); then the events are recorded once each.
 * - unknown or unconfigured provider: 404, the same answer for both, so the
 *   endpoint does not tell which providers are set up;
 * - forged, unauthenticated or stale: 401 and nothing recorded;
 * - malformed JSON: 400 naming the problem; over the size limit: 413;
 * - otherwise 200 `{"ok":true}`, whether the address is known, new,
 *   suppressed already or the event a duplicate: nothing tells them apart.
 */
export function registerEmailWebhookRoutes(
  app: Hono,
  deps: Pick<WebDeps, 'logger'>,
  input: { verifiers: EmailWebhookVerifiers; bounces: Pick<BounceService, 'record'> },
): void {
  const logger = deps.logger.child({ component: 'email-webhooks' });
  const verifiers = input.verifiers as Record<string, WebhookVerifier | undefined>;
  app.use(
    '/webhooks/email/*',
    bodyLimit({
      maxSize: EMAIL_WEBHOOK_MAX_BYTES,
      onError: (c) => json(c, 413, { error: `The body is larger than ${EMAIL_WEBHOOK_MAX_BYTES} bytes.` }),
    }),
  );
  app.post('/webhooks/email/:provider', async (c) => {
    const provider = c.req.param('provider');
    const verifier = Object.hasOwn(verifiers, provider) ? verifiers[provider] : undefined;
    if (!verifier) return json(c, 404, { error: 'No email webhook is configured at this address.' });
    try {
      const body = await c.req.text();
      const result = await verifier({ header: (name) => c.req.header(name), body });
      if (result.status === 'bad-request') return json(c, 400, { error: result.message });
      if (result.status === 'rejected') {
        logger.warn('rejected an email webhook', { provider, reason: result.reason });
        return json(c, 401, { error: 'The notification could not be authenticated.' });
      }
      const counts = await input.bounces.record(result.events);
      if (result.events.length > 0) logger.info('email webhook processed', { provider, ...counts });
      return json(c, 200, { ok: true });
    } catch (error) {
      logger.error('email webhook failed', { provider, ...errorFields(error) });
      // 500 makes the provider retry later; the event id keeps the retry from counting twice.
      return json(c, 500, { error: 'The notification could not be processed; it will be retried.' });
    }
  });
}
