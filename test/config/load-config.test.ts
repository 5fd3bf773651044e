import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config/env-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/core/errors.js';

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('runs with no variables at all (the embedded default)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      CONTENT_DIR: './content',
      ANTHROPIC_MODEL: 'claude-haiku-5-5',
      CONTENT_WATCH: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.ANTHROPIC_API_KEY).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' }).PORT).toBe(3000);
  });

  it('names a bad variable, shows its value and points at the fix', () => {
    expect(errorOf({ PORT: 'eighty' })).toMatch(
      /PORT: .*\(got "eighty"\)\. See \.env\.example for what PORT accepts\./,
    );
  });

  it('lists every bad variable at once', () => {
    const message = errorOf({ PORT: '70000', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x' });
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/LOG_LEVEL:/);
    expect(message).toMatch(/PUBLIC_URL: must be an http\(s\) URL/);
  });

  it('never echoes a secret value', () => {
    const message = errorOf({ USER_ID_SALT: 'short-secret' });
    expect(message).toMatch(/USER_ID_SALT: must be at least 16 characters/);
    expect(message).not.toContain('short-secret');
  });

  it('masks the password of a bad database URL', () => {
    const message = errorOf({ DATABASE_URL: 'mysql://u:hunter2@db/x' });
    expect(message).toMatch(/DATABASE_URL: must be pglite:/);
    expect(message).not.toContain('hunter2');
  });

  it('parses booleans written the usual ways', () => {
    expect(loadConfig({ CONTENT_WATCH: 'off' }).CONTENT_WATCH).toBe(false);
    expect(errorOf({ CONTENT_WATCH: 'maybe' })).toMatch(/CONTENT_WATCH/);
  });
});

describe('.env.example', () => {
  it('documents every variable the service reads, each with a comment', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const lines = example.split('\n');
    for (const key of Object.keys(envSchema.shape)) {
      const index = lines.findIndex((line) => line.startsWith(`${key}=`));
      expect(index, `${key} is missing from .env.example`).toBeGreaterThan(0);
      expect(lines[index - 1], `${key} needs a comment line above it`).toMatch(/^#/);
    }
  });
});
