import { createPublicKey } from 'node:crypto';
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';
import { isValidTimeZone } from '../core/newsletter/week-key.js';
import { decimalNumber, httpUrl, oneOf, onOff, port, text, wholeNumber } from './env-kinds.js';

// An address, optionally with a display name: `digest@example.com` or `Concept Tutor <digest@example.com>`.
const mailbox = z
  .string()
  .trim()
  .refine((v) => {
    const address = /^[^<>]*<([^<>\s]+)>$/.exec(v)?.[1] ?? v;
    return z.email().safeParse(address).success;
  }, 'must be an email address, optionally with a name: Concept Tutor <digest@example.com>');

/** A base64 DER (or PEM) EC P-256 public key, as SendGrid shows its Event Webhook verification key. */
function isP256PublicKey(text: string): boolean {
  try {
    const key = text.includes('BEGIN PUBLIC KEY')
      ? createPublicKey(text.replace(/\\n/g, '\n'))
      : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

/**
 * Every environment variable the service reads, with its default. Keep this
 * in step with .env.example (a test checks that every key is documented there).
 * Adapters add their variables here, grouped and commented.
 */
export const envSchema = z.object({
  // --- Service -------------------------------------------------------------
  // 0 lets the OS pick a free port (tests).
  PORT: port().default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: oneOf(['text', 'json']).default('text'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(pglite:.+|postgres(ql)?:\/\/.+)$/,
      'must be pglite:<folder>, pglite:memory or postgresql://user:pass@host:5432/db',
    )
    .optional(),
  CONTENT_DIR: z.string().min(1).default('./content'),
  CONTENT_WATCH: onOff().default(true),
  PUBLIC_URL: httpUrl().optional(),
  USER_ID_SALT: z.string().min(16, 'must be at least 16 characters of random text').optional(),
  SHUTDOWN_DRAIN_SECONDS: wholeNumber({ min: 0, max: 3600 }).default(30),

  // --- Answering (Anthropic) -----------------------------------------------
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: httpUrl().optional(),
  ANTHROPIC_MODEL: z.string().min(1).default('claude-haiku-5-5'),
  ANTHROPIC_MAX_TOKENS: wholeNumber({ min: 64, max: 4096 }).default(700),
  ANTHROPIC_TIMEOUT_MS: wholeNumber({ min: 1000, max: 600_000 }).default(30_000),
  ANTHROPIC_MAX_RETRIES: wholeNumber({ min: 0, max: 10 }).default(2),

  // --- Answering: provider, OpenAI-compatible servers, private mode (docs/private-mode.md) ---
  // Cross-checks (a provider without its model, PRIVATE_MODE's hosts) live in adapters/llm/model-settings.ts.
  LLM_PROVIDER: z
    .enum(['anthropic', 'openai'], {
      error:
        'must be anthropic (Claude) or openai (any OpenAI-compatible server: Ollama, vLLM, LM Studio, OpenAI…)',
    })
    .optional(),
  OPENAI_BASE_URL: httpUrl().optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().trim().min(1).optional(),
  OPENAI_MAX_TOKENS: wholeNumber({ min: 64, max: 4096 }).default(700),
  // Local models on a CPU can take a while before the first token.
  OPENAI_TIMEOUT_MS: wholeNumber({ min: 1000, max: 600_000 }).default(60_000),
  OPENAI_MAX_RETRIES: wholeNumber({ min: 0, max: 10 }).default(2),
  EMBEDDINGS_MODEL: z.string().trim().min(1).optional(),
  PRIVATE_MODE: onOff().default(false),

  // --- Chat limits (Slack, Discord, web Ask page) ----------------------------
  CHAT_RATE_LIMIT: wholeNumber({ min: 0 }).default(20),
  CHAT_RATE_WINDOW_MINUTES: wholeNumber({ min: 1, max: 1440 }).default(60),
  DAILY_TOKEN_BUDGET: wholeNumber({ min: 0 }).default(500_000),

  // --- Slack (docs/slack.md; on with SLACK_BOT_TOKEN plus SLACK_APP_TOKEN or SLACK_SIGNING_SECRET) ---
  SLACK_BOT_TOKEN: z
    .string()
    .regex(
      /^xoxb-\S+$/,
      'must be the Bot User OAuth Token starting with xoxb- (Slack app settings: OAuth & Permissions)',
    )
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(
      /^[0-9a-f]{16,}$/i,
      'must be the Signing Secret (hex) from the Slack app settings: Basic Information, App Credentials',
    )
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(
      /^xapp-\S+$/,
      'must be an app-level token starting with xapp- with the connections:write scope (Basic Information, App-Level Tokens)',
    )
    .optional(),
  SLACK_API_URL: httpUrl().optional(),
  SLACK_THREAD_CONTEXT: onOff().default(true),
  SLACK_STREAMING: onOff().default(true),
  SLACK_ANSWER_CHANNEL: z
    .string()
    .regex(
      /^[CG][A-Z0-9]{6,}$/,
      'must be a channel ID such as C0123456789, not a name (channel details: the ID is at the bottom of the About tab)',
    )
    .optional(),

  // --- Discord (on when DISCORD_TOKEN and DISCORD_APPLICATION_ID are set) ------
  DISCORD_TOKEN: z
    .string()
    .regex(/^\S+$/, 'must be the bot token alone, without spaces or a "Bot " prefix')
    .optional(),
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(
      /^\d{17,20}$/,
      "must be the application's id (17-20 digits) from the Developer Portal's General Information page",
    )
    .optional(),
  DISCORD_API_URL: httpUrl().optional(),
  DISCORD_GUILD_ID: z
    .string()
    .regex(
      /^\d{17,20}$/,
      'must be a server id (17-20 digits): enable Developer Mode, right-click the server, Copy Server ID',
    )
    .optional(),

  // --- Web pages and admin console ---------------------------------------------
  ADMIN_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters; generate one with: openssl rand -base64 32')
    .optional(),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters of random text; generate one with: openssl rand -base64 48')
    .optional(),
  TRUST_PROXY: z
    .preprocess(
      (value) => (value === 'true' ? 1 : value === 'false' ? 0 : value),
      wholeNumber({
        min: 0,
        max: 10,
        error:
          'must be the number of reverse proxies in front of the service (0 to 10; 0 when none), or true/false',
      }),
    )
    .default(0),
  PUBLIC_RATE_LIMIT: wholeNumber({ min: 0, max: 10_000 }).default(20),
  METRICS_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters; generate one with: openssl rand -base64 32')
    .optional(),

  // --- Newsletter: the weekly digest and its subscribers (docs/newsletter.md) ---
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error:
        'must be smtp://user:password@host:587 or smtps://user:password@host:465 (URL-encode special characters in the password)',
    })
    .optional(),
  MAIL_FROM: mailbox.optional(),
  MAIL_REPLY_TO: mailbox.optional(),
  SMTP_RATE_LIMIT: decimalNumber({ min: 0, max: 10_000 }).default(10),
  SMTP_MAX_CONNECTIONS: wholeNumber({ min: 1, max: 50 }).default(5),
  DKIM_DOMAIN: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i,
      'must be the domain that signs, e.g. example.com',
    )
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/i,
      'must be the selector of the DNS record <selector>._domainkey.<domain>, e.g. tutor2026',
    )
    .optional(),
  DKIM_PRIVATE_KEY: z
    .string()
    .refine(
      (key) => /-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(key),
      'must be a PEM private key (-----BEGIN PRIVATE KEY----- …); newlines may be written as \\n',
    )
    .optional(),
  DIGEST_CRON: z
    .string()
    .trim()
    .refine(
      (cron) => validateCron(cron),
      'must be a cron expression such as "0 9 * * 2" (minute hour day-of-month month day-of-week)',
    )
    .default('0 9 * * 2'),
  DIGEST_TZ: z
    .string()
    .trim()
    .refine(isValidTimeZone, 'must be an IANA time zone such as UTC, Europe/Berlin or America/New_York')
    .default('UTC'),
  DIGEST_CATCHUP_HOURS: decimalNumber({ min: 0, max: 168 }).default(24),
  POSTAL_ADDRESS: text({
    min: 5,
    max: 300,
    example: 'a full postal address such as "Example Ltd, 1 Main St, Springfield, USA"',
  }).optional(),
  NEWSLETTER_NAME: text({ min: 1, max: 80 })
    .refine((n) => !/[<>"\r\n]/.test(n), 'must not contain <, >, " or line breaks')
    .default('Concept Tutor'),
  LIST_ID: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i,
      'must be a dotted name under a domain you control, e.g. digest.example.com (RFC 2919)',
    )
    .optional(),
  TOKEN_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters of random text; generate one with: openssl rand -base64 48')
    .optional(),

  // --- Bounces and complaints: POST /webhooks/email/<provider> (docs/newsletter.md) ---
  BOUNCE_SOFT_THRESHOLD: wholeNumber({ min: 1, max: 100 }).default(3),
  BOUNCE_SOFT_WINDOW_DAYS: wholeNumber({ min: 1, max: 365 }).default(30),
  SES_SNS_TOPIC_ARNS: z
    .string()
    .trim()
    .refine(
      (list) =>
        list
          .split(',')
          .every((arn) =>
            /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(arn.trim()),
          ),
      'must be comma-separated SNS topic ARNs such as arn:aws:sns:us-east-1:123456789012:ses-bounces',
    )
    .optional(),
  POSTMARK_WEBHOOK_USER: text({ min: 1, max: 200 })
    .refine((u) => !u.includes(':'), 'must not contain ":" (it is the basic-auth user name)')
    .optional(),
  POSTMARK_WEBHOOK_PASSWORD: z
    .string()
    .min(24, 'must be at least 24 characters; generate one with: openssl rand -hex 24')
    .optional(),
  POSTMARK_WEBHOOK_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters; generate one with: openssl rand -hex 24')
    .optional(),
  MAILGUN_WEBHOOK_SIGNING_KEY: z
    .string()
    .trim()
    .min(16, 'must be the HTTP webhook signing key from Mailgun (Sending → Webhooks → Webhook signing key)')
    .optional(),
  SENDGRID_WEBHOOK_PUBLIC_KEY: z
    .string()
    .trim()
    .refine(
      isP256PublicKey,
      'must be the verification key from SendGrid (Mail Settings → Event Webhook → Signature verification): base64, starting MFkw',
    )
    .optional(),
  RESEND_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(
      /^whsec_[A-Za-z0-9+/=]{16,}$/,
      'must be the signing secret from Resend (Webhooks → your endpoint), starting whsec_',
    )
    .optional(),
});

/** Parsed configuration, keyed by environment variable name. */
export type Config = z.infer<typeof envSchema>;

/**
 * The variables whose values are secrets: never shown in an error or a log.
 * Listed by name, not guessed from it: ANTHROPIC_MAX_TOKENS and
 * DAILY_TOKEN_BUDGET are numbers, DKIM_SELECTOR is public DNS. URLs that may
 * carry credentials (DATABASE_URL, SMTP_URL, any other URL) are shown with
 * their user and password masked instead.
 */
export const SECRET_VARIABLES: ReadonlySet<keyof Config> = new Set<keyof Config>([
  'USER_ID_SALT',
  'ANTHROPIC_API_KEY',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_TOKEN',
  'ADMIN_TOKEN',
  'SESSION_SECRET',
  'DKIM_PRIVATE_KEY',
  'TOKEN_SECRET',
  'METRICS_TOKEN',
  'OPENAI_API_KEY',
  'POSTMARK_WEBHOOK_PASSWORD',
  'POSTMARK_WEBHOOK_TOKEN',
  'MAILGUN_WEBHOOK_SIGNING_KEY',
  'RESEND_WEBHOOK_SECRET',
]);
