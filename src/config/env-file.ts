import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from '../core/errors.js';

/** The environment with a `.env` file under it. */
export interface EnvWithFile {
  /** A new object: the file's variables, then the environment's on top (the environment wins). */
  env: NodeJS.ProcessEnv;
  /** The absolute path of the `.env` that was read, or null when there was none. */
  file: string | null;
  /** Names whose value came from the file (not overridden by the environment). */
  fromFile: ReadonlySet<string>;
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;
const QUOTES = new Set(['"', "'", '`']);

/**
 * Checks the shape of a `.env` before Node's parser reads the values: that
 * parser skips what it does not understand, so a typo would silently unset a
 * variable. Every line is blank, a `# comment`, or `NAME=value` (optionally
 * `export NAME=value`); a quoted value may span lines but must be closed.
 */
function checkEnvFile(text: string, file: string): void {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    // The line itself is never echoed: it may hold a secret.
    if (!match)
      throw new ConfigError(
        `${file}:${i + 1}: expected NAME=value (a variable name such as PORT, "=", then the value). Blank lines and lines starting with # are fine; fix or remove line ${i + 1}.`,
      );
    const value = match[2]!.trim();
    const quote = value[0];
    if (quote === undefined || !QUOTES.has(quote) || value.indexOf(quote, 1) > 0) continue;
    // A quoted value that continues on the next lines: find where it closes.
    const opened = i;
    do i++;
    while (i < lines.length && !lines[i]!.includes(quote));
    if (i >= lines.length)
      throw new ConfigError(
        `${file}:${opened + 1}: the value of ${match[1]} opens a ${quote} quote that is never closed. Close the quote (a value may span lines only inside quotes).`,
      );
  }
}

/**
 * Reads the variables of a `.env` file (Node's own format, as `node
 * --env-file` reads it), or null when the file does not exist.
 *
 * @throws ConfigError naming the file and line of a malformed entry
 */
export function readEnvFile(file: string): Record<string, string> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
  checkEnvFile(text, file);
  return parseEnv(text) as Record<string, string>;
}

/**
 * The environment with `<dir>/.env` (when it exists) underneath: a variable
 * already set in the environment wins over the file. Nothing is written to
 * `process.env`; callers pass the result to `loadConfig`.
 */
export function withEnvFile(env: NodeJS.ProcessEnv, dir: string): EnvWithFile {
  const file = path.resolve(dir, '.env');
  const values = readEnvFile(file);
  if (!values) return { env: { ...env }, file: null, fromFile: new Set() };
  const fromFile = new Set(Object.keys(values).filter((name) => env[name] === undefined));
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const name of fromFile) merged[name] = values[name];
  return { env: merged, file, fromFile };
}
