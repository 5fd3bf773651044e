import { ConfigError } from '../core/errors.js';
import { type Config, envSchema } from './env-schema.js';

const SECRET = /KEY|TOKEN|SECRET|PASSWORD|SALT|DKIM/i;

/** Shows a value in an error without leaking it: secrets are hidden, URL passwords masked. */
function describeValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'it is not set';
  if (SECRET.test(name)) return 'the value is hidden because it is a secret';
  return `got "${value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}"`;
}

/**
 * Parses the environment once, at startup. Empty strings count as unset, so a
 * copied .env.example with blank lines works. Every bad variable is reported
 * at once, by name, with how to fix it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key in envSchema.shape && value !== undefined && value.trim() !== '',
    ),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `  ${name}: ${issue.message} (${describeValue(name, cleaned[name])}). See .env.example for what ${name} accepts.`;
  });
  throw new ConfigError(`Invalid configuration, the service did not start:\n${lines.join('\n')}`);
}
