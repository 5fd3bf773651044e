import path from 'node:path';
import type { Config } from '../../config/env-schema.js';
import { readOrCreateSecret } from './read-or-create-secret.js';

/** Each secret the service keys with, and the file in DATA_DIR that stands in for it when its variable is unset. */
const SECRET_FILES = {
  USER_ID_SALT: 'user-id-salt',
  TOKEN_SECRET: 'token-secret',
  SESSION_SECRET: 'session-secret',
} as const;

/** The environment variable of a secret. */
export type SecretName = keyof typeof SECRET_FILES;

/** A secret's value and where it came from; `file` means each replica has its own. */
export interface ResolvedSecret {
  value: string;
  source: 'env' | 'file';
  /** The file in DATA_DIR that holds it (used when the variable is unset). */
  file: string;
}

/**
 * The one place a secret is read: from its environment variable when set,
 * otherwise from (or, on first use, generated into) its file in DATA_DIR, so
 * a newcomer never has to invent one. Replicas must set the variable.
 */
export function resolveSecret(config: Config, name: SecretName): ResolvedSecret {
  const file = path.join(config.DATA_DIR, SECRET_FILES[name]);
  const fromEnv = config[name];
  return fromEnv
    ? { value: fromEnv, source: 'env', file }
    : { value: readOrCreateSecret(file), source: 'file', file };
}
