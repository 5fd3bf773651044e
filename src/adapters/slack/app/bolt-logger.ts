import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../../core/ports.js';

function describe(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part instanceof Error) return part.message;
      try {
        return JSON.stringify(part);
      } catch {
        return String(part);
      }
    })
    .join(' ');
}

/**
 * Routes Bolt's and the Web API client's log lines into the service logger,
 * so Slack's warnings (bad signatures, retries, rate limits) appear in the
 * same stream and format as everything else. Our logger does the level
 * filtering; Bolt's own level is only remembered because Bolt asks for it.
 */
export function createBoltLogger(logger: Logger, name = 'slack'): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let prefix = name;
  return {
    debug: (...parts: unknown[]) => logger.debug(`${prefix}: ${describe(parts)}`),
    info: (...parts: unknown[]) => logger.info(`${prefix}: ${describe(parts)}`),
    warn: (...parts: unknown[]) => logger.warn(`${prefix}: ${describe(parts)}`),
    error: (...parts: unknown[]) => logger.error(`${prefix}: ${describe(parts)}`),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      prefix = next;
    },
  };
}
