import type { Config } from '../../../config/env-schema.js';
import { ConfigError } from '../../../core/errors.js';
import type { BounceProvider } from '../../../core/newsletter/bounce-events.js';
import type { Clock, Logger } from '../../../core/ports.js';
import { createMailgunVerifier } from './mailgun.js';
import { createPostmarkVerifier } from './postmark.js';
import { createResendVerifier, svixKey } from './resend.js';
import { createSendgridVerifier, sendgridPublicKey } from './sendgrid.js';
import { createSesVerifier } from './ses.js';
import { createFetchSnsHttp, type SnsHttp } from './sns-http.js';
import type { WebhookVerifier } from './types.js';

/** The verifiers of the providers whose secrets are set; a provider without one has no endpoint. */
export type EmailWebhookVerifiers = Partial<Record<BounceProvider, WebhookVerifier>>;

type WebhookConfig = Pick<
  Config,
  | 'SES_SNS_TOPIC_ARNS'
  | 'POSTMARK_WEBHOOK_USER'
  | 'POSTMARK_WEBHOOK_PASSWORD'
  | 'POSTMARK_WEBHOOK_TOKEN'
  | 'MAILGUN_WEBHOOK_SIGNING_KEY'
  | 'SENDGRID_WEBHOOK_PUBLIC_KEY'
  | 'RESEND_WEBHOOK_SECRET'
>;

/**
 * Builds a verifier for every provider that is configured. `snsHttp` is how
 * SNS certificates and SubscribeURLs are fetched: the real https client
 * unless the composition root passes another (tests pass a local fake; no
 * environment variable can), and every URL is checked to be on an SNS host
 * first either way. Throws a ConfigError for half-configured Postmark auth.
 */
export function emailWebhookVerifiers(
  config: WebhookConfig,
  deps: { clock: Clock; logger: Logger; snsHttp?: SnsHttp },
): EmailWebhookVerifiers {
  const { clock } = deps;
  const logger = deps.logger.child({ component: 'email-webhooks' });
  const verifiers: EmailWebhookVerifiers = {};
  if (config.SES_SNS_TOPIC_ARNS)
    verifiers.ses = createSesVerifier({
      topicArns: config.SES_SNS_TOPIC_ARNS.split(',').map((arn) => arn.trim()),
      http: deps.snsHttp ?? createFetchSnsHttp(),
      clock,
      logger,
    });
  const user = config.POSTMARK_WEBHOOK_USER;
  const password = config.POSTMARK_WEBHOOK_PASSWORD;
  if (Boolean(user) !== Boolean(password))
    throw new ConfigError(
      `Invalid configuration, the service did not start:\n  Postmark basic auth needs POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD together; also set ${user ? 'POSTMARK_WEBHOOK_PASSWORD' : 'POSTMARK_WEBHOOK_USER'}, or unset both. See .env.example.`,
    );
  if ((user && password) || config.POSTMARK_WEBHOOK_TOKEN)
    verifiers.postmark = createPostmarkVerifier({
      ...(user && password ? { basicAuth: { user, password } } : {}),
      ...(config.POSTMARK_WEBHOOK_TOKEN ? { token: config.POSTMARK_WEBHOOK_TOKEN } : {}),
      clock,
    });
  if (config.MAILGUN_WEBHOOK_SIGNING_KEY)
    verifiers.mailgun = createMailgunVerifier({ signingKey: config.MAILGUN_WEBHOOK_SIGNING_KEY, clock });
  if (config.SENDGRID_WEBHOOK_PUBLIC_KEY)
    verifiers.sendgrid = createSendgridVerifier({
      publicKey: sendgridPublicKey(config.SENDGRID_WEBHOOK_PUBLIC_KEY),
      clock,
    });
  if (config.RESEND_WEBHOOK_SECRET)
    verifiers.resend = createResendVerifier({ secret: svixKey(config.RESEND_WEBHOOK_SECRET), clock });
  return verifiers;
}
