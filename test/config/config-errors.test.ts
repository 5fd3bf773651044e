import { describe, expect, it } from 'vitest';
import { envSchema, SECRET_VARIABLES } from '../../src/config/env-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/core/errors.js';

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

/** Wording of the validator library, which must never reach an operator. */
const RAW_VALIDATOR = /Invalid (input|option)|Too (big|small)|expected|received|NaN|<=|>=/;

/** A value that is not a secret, though it is refused for every secret below. */
const SECRET = 'sEcReT xyz';

/**
 * For every variable, values it must refuse and the accepted form its error
 * must state. Variables that accept any non-empty text have no bad value.
 */
const BAD_VALUES: Record<string, { bad: string[]; accepts: RegExp } | 'any text'> = {
  PORT: { bad: ['abc', '-1', '65536', '80.5', '-1.5'], accepts: /must be a whole number from 0 to 65535/ },
  HOST: 'any text',
  LOG_LEVEL: { bad: ['loud', 'INFO'], accepts: /must be one of debug, info, warn, error/ },
  LOG_FORMAT: { bad: ['yaml'], accepts: /must be one of text, json/ },
  DATA_DIR: 'any text',
  DATABASE_URL: {
    bad: ['sqlite:x', 'mysql://db/x'],
    accepts: /must be pglite:<folder>, pglite:memory or postgresql:/,
  },
  CONTENT_DIR: 'any text',
  CONTENT_WATCH: { bad: ['maybe'], accepts: /must be true or false/ },
  PUBLIC_URL: { bad: ['ftp://x', 'tutor.example.com'], accepts: /must be an http\(s\) URL/ },
  USER_ID_SALT: { bad: [SECRET], accepts: /at least 16 characters/ },
  ANTHROPIC_API_KEY: 'any text',
  ANTHROPIC_BASE_URL: { bad: ['localhost:8080'], accepts: /must be an http\(s\) URL/ },
  ANTHROPIC_MODEL: 'any text',
  LLM_PROVIDER: { bad: ['ollama'], accepts: /must be anthropic \(Claude\) or openai/ },
  OPENAI_BASE_URL: { bad: ['localhost:11434'], accepts: /must be an http\(s\) URL/ },
  OPENAI_API_KEY: 'any text',
  OPENAI_MODEL: 'any text',
  OPENAI_MAX_TOKENS: { bad: ['lots', '63'], accepts: /must be a whole number from 64 to 4096/ },
  OPENAI_TIMEOUT_MS: { bad: ['60s', '999'], accepts: /must be a whole number from 1000 to 600000/ },
  OPENAI_MAX_RETRIES: { bad: ['-1', '11'], accepts: /must be a whole number from 0 to 10/ },
  EMBEDDINGS_MODEL: 'any text',
  PRIVATE_MODE: { bad: ['maybe'], accepts: /must be true or false/ },
  ANTHROPIC_MAX_TOKENS: {
    bad: ['lots', '63', '4097', '700.5'],
    accepts: /must be a whole number from 64 to 4096/,
  },
  SHUTDOWN_DRAIN_SECONDS: { bad: ['30s', '3601'], accepts: /must be a whole number from 0 to 3600/ },
  ANTHROPIC_TIMEOUT_MS: { bad: ['30s', '999'], accepts: /must be a whole number from 1000 to 600000/ },
  ANTHROPIC_MAX_RETRIES: { bad: ['-1', '11'], accepts: /must be a whole number from 0 to 10/ },
  CHAT_RATE_LIMIT: { bad: ['-1', 'twenty'], accepts: /must be a whole number, 0 or more/ },
  CHAT_RATE_WINDOW_MINUTES: { bad: ['0', '1441'], accepts: /must be a whole number from 1 to 1440/ },
  DAILY_TOKEN_BUDGET: { bad: ['unlimited', '-5'], accepts: /must be a whole number, 0 or more/ },
  SLACK_BOT_TOKEN: { bad: [SECRET], accepts: /starting with xoxb-/ },
  SLACK_SIGNING_SECRET: { bad: [SECRET], accepts: /Signing Secret \(hex\)/ },
  SLACK_APP_TOKEN: { bad: [SECRET], accepts: /starting with xapp-/ },
  SLACK_API_URL: { bad: ['slack.com/api'], accepts: /must be an http\(s\) URL/ },
  SLACK_THREAD_CONTEXT: { bad: ['sometimes'], accepts: /must be true or false/ },
  SLACK_STREAMING: { bad: ['maybe'], accepts: /must be true or false/ },
  SLACK_ANSWER_CHANNEL: { bad: ['#general'], accepts: /must be a channel ID such as C0123456789/ },
  DISCORD_TOKEN: { bad: [SECRET], accepts: /bot token alone, without spaces/ },
  DISCORD_APPLICATION_ID: { bad: ['my-app'], accepts: /17-20 digits/ },
  DISCORD_API_URL: { bad: ['discord.com'], accepts: /must be an http\(s\) URL/ },
  DISCORD_GUILD_ID: { bad: ['12'], accepts: /must be a server id \(17-20 digits\)/ },
  ADMIN_TOKEN: { bad: [SECRET], accepts: /at least 24 characters/ },
  SESSION_SECRET: { bad: [SECRET], accepts: /at least 32 characters/ },
  TRUST_PROXY: { bad: ['maybe', '11', '-1'], accepts: /number of reverse proxies .*or true\/false/ },
  METRICS_TOKEN: { bad: ['short'], accepts: /at least 24 characters/ },
  PUBLIC_RATE_LIMIT: { bad: ['10001', 'x'], accepts: /must be a whole number from 0 to 10000/ },
  SMTP_URL: { bad: ['http://mail.example.com'], accepts: /must be smtp:\/\/user:password@host:587/ },
  MAIL_FROM: { bad: ['bad', 'Tutor <bad>'], accepts: /must be an email address/ },
  MAIL_REPLY_TO: { bad: ['bad@'], accepts: /must be an email address/ },
  SMTP_RATE_LIMIT: { bad: ['-1', 'fast'], accepts: /must be a number from 0 to 10000; decimals are allowed/ },
  SMTP_MAX_CONNECTIONS: { bad: ['0', '51'], accepts: /must be a whole number from 1 to 50/ },
  DKIM_DOMAIN: { bad: ['example'], accepts: /must be the domain that signs/ },
  DKIM_SELECTOR: { bad: ['-bad-'], accepts: /must be the selector of the DNS record/ },
  DKIM_PRIVATE_KEY: { bad: [SECRET], accepts: /must be a PEM private key/ },
  DIGEST_CRON: { bad: ['every tuesday'], accepts: /must be a cron expression/ },
  DIGEST_TZ: { bad: ['Mars/Olympus'], accepts: /must be an IANA time zone/ },
  DIGEST_CATCHUP_HOURS: { bad: ['169', 'a day'], accepts: /must be a number from 0 to 168/ },
  POSTAL_ADDRESS: { bad: ['x', 'a'.repeat(301)], accepts: /must be 5 to 300 characters/ },
  NEWSLETTER_NAME: {
    bad: ['n'.repeat(81), 'Bad <name>'],
    accepts: /must be 1 to 80 characters|must not contain/,
  },
  LIST_ID: { bad: ['nodots'], accepts: /must be a dotted name/ },
  TOKEN_SECRET: { bad: [SECRET], accepts: /at least 32 characters/ },
  BOUNCE_SOFT_THRESHOLD: { bad: ['0', 'three', '101'], accepts: /must be a whole number from 1 to 100/ },
  BOUNCE_SOFT_WINDOW_DAYS: { bad: ['0', '1.5', '366'], accepts: /must be a whole number from 1 to 365/ },
  SES_SNS_TOPIC_ARNS: {
    bad: ['ses-bounces', 'arn:aws:sns:us-east-1:123:x', 'arn:aws:sqs:us-east-1:123456789012:q'],
    accepts: /must be comma-separated SNS topic ARNs/,
  },
  POSTMARK_WEBHOOK_USER: { bad: ['a:b'], accepts: /must not contain ":"/ },
  POSTMARK_WEBHOOK_PASSWORD: { bad: [SECRET], accepts: /at least 24 characters/ },
  POSTMARK_WEBHOOK_TOKEN: { bad: [SECRET], accepts: /at least 24 characters/ },
  MAILGUN_WEBHOOK_SIGNING_KEY: { bad: [SECRET], accepts: /HTTP webhook signing key from Mailgun/ },
  SENDGRID_WEBHOOK_PUBLIC_KEY: { bad: ['not-a-key', 'MFkw'], accepts: /verification key from SendGrid/ },
  RESEND_WEBHOOK_SECRET: { bad: [SECRET, 'whsec_short'], accepts: /starting whsec_/ },
};

const cases = Object.entries(BAD_VALUES).flatMap(([name, spec]) =>
  spec === 'any text' ? [] : spec.bad.map((value) => ({ name, value, accepts: spec.accepts })),
);

describe('configuration errors', () => {
  it('has bad values for every variable (or says it takes any text)', () => {
    expect(Object.keys(BAD_VALUES).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it.each(cases)(
    '$name=$value: one line naming it, the value and the accepted form',
    ({ name, value, accepts }) => {
      const lines = errorOf({ [name]: value })
        .split('\n')
        .slice(1);
      expect(lines).toHaveLength(1);
      const [line] = lines as [string];
      expect(line).toMatch(new RegExp(`^ {2}${name}: `));
      expect(line).toMatch(accepts);
      expect(line).not.toMatch(RAW_VALIDATOR);
      expect(line).toMatch(new RegExp(`See \\.env\\.example for what ${name} accepts\\.$`));
      if (SECRET_VARIABLES.has(name as never)) {
        expect(line).toContain('(the value is hidden because it is a secret)');
        expect(line).not.toContain(value);
      } else if (value.length <= 60) {
        expect(line).toContain(`(got ${JSON.stringify(value)})`);
      } else {
        expect(line).toContain(
          `(got ${JSON.stringify(`${value.slice(0, 60)}…`)}, ${value.length} characters)`,
        );
      }
    },
  );

  it('hides exactly the real secrets: keys, tokens, secrets, salts and the DKIM key', () => {
    expect([...SECRET_VARIABLES].sort()).toEqual([
      'ADMIN_TOKEN',
      'ANTHROPIC_API_KEY',
      'DISCORD_TOKEN',
      'DKIM_PRIVATE_KEY',
      'MAILGUN_WEBHOOK_SIGNING_KEY',
      'METRICS_TOKEN',
      'OPENAI_API_KEY',
      'POSTMARK_WEBHOOK_PASSWORD',
      'POSTMARK_WEBHOOK_TOKEN',
      'RESEND_WEBHOOK_SECRET',
      'SESSION_SECRET',
      'SLACK_APP_TOKEN',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'TOKEN_SECRET',
      'USER_ID_SALT',
    ]);
    // Named like secrets, but a number and public DNS names: their values help to fix them.
    expect(errorOf({ ANTHROPIC_MAX_TOKENS: '5000' })).toContain('(got "5000")');
    expect(errorOf({ DAILY_TOKEN_BUDGET: 'lots' })).toContain('(got "lots")');
    expect(errorOf({ DKIM_SELECTOR: '-x-' })).toContain('(got "-x-")');
  });

  it('masks the user and password of any URL it shows', () => {
    for (const name of ['SMTP_URL', 'DATABASE_URL', 'PUBLIC_URL']) {
      const message = errorOf({ [name]: 'ftp://apikey:hunter2@mail.example.com:25' });
      expect(message).toContain('(got "ftp://***@mail.example.com:25")');
      expect(message).not.toMatch(/hunter2|apikey/);
    }
  });

  it('escapes line breaks in a shown value', () => {
    expect(errorOf({ LOG_LEVEL: 'info\nwarn' })).toContain('(got "info\\nwarn")');
  });
});
