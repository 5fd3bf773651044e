import type { Logger } from '../../core/ports.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
const SECRET_KEY = /key|token|secret|password|authorization|cookie|salt/i;

/** Options of {@link createConsoleLogger}. */
export interface ConsoleLoggerOptions {
  level: keyof typeof LEVELS;
  /** Where lines go; stderr by default so stdout stays clean for `--json` output. */
  write?: (line: string) => void;
  /** JSON lines for log shippers instead of human-readable lines. */
  json?: boolean;
}

/** Replaces values of secret-looking keys, so a careless `fields` object never leaks a token. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      SECRET_KEY.test(key) ? '[redacted]' : value instanceof Error ? value.message : value,
    ]),
  );
}

/** A small structured logger writing one line per event; `child` bindings come first among the fields. */
export function createConsoleLogger(
  options: ConsoleLoggerOptions,
  bindings: Record<string, unknown> = {},
): Logger {
  const min = LEVELS[options.level];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (level: keyof typeof LEVELS) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < min) return;
    const safe = redact({ ...bindings, ...fields });
    const time = new Date().toISOString();
    if (options.json) {
      write(JSON.stringify({ time, level, message, ...safe }));
    } else {
      const extra = Object.keys(safe).length > 0 ? ` ${JSON.stringify(safe)}` : '';
      write(`${time} ${level.toUpperCase().padEnd(5)} ${message}${extra}`);
    }
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (more) => createConsoleLogger(options, { ...bindings, ...more }),
  };
}
