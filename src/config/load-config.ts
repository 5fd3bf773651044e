import { ConfigError } from '../core/errors.js';
import { type Config, envSchema, SECRET_VARIABLES } from './env-schema.js';

const SHOWN_LENGTH = 60;

/**
 * Shows a value in an error without leaking it: secrets are hidden, the user
 * and password of any URL masked, long values cut, line breaks escaped.
 */
function describeValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'it is not set';
  if (SECRET_VARIABLES.has(name as keyof Config)) return 'the value is hidden because it is a secret';
  const masked = value.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/gi, '$1***@');
  if (masked.length <= SHOWN_LENGTH) return `got ${JSON.stringify(masked)}`;
  return `got ${JSON.stringify(`${masked.slice(0, SHOWN_LENGTH)}…`)}, ${masked.length} characters`;
}

/**
 * Parses the environment once, at startup. Empty strings count as unset, so a
 * copied .env.example with blank lines works. Every bad variable is reported
 * at once, by name, with what was given and what is accepted.
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
  // A value can fail several checks that share one message (-1.5: not whole, and too small).
  throw new ConfigError(
    `Invalid configuration, the service did not start:\n${[...new Set(lines)].join('\n')}`,
  );
}
