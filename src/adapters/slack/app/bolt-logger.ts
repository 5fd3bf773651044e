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
 * Routes Bolt's and the Web API client's log lines into the service logger
 * (already bound to `component: 'slack'`), so Slack's warnings (bad
 * signatures, retries, rate limits) appear in the same stream and format as
 * everything else. Our logger does the level filtering; Bolt's own level is
 * only remembered because Bolt asks for it. A name Bolt sets becomes a field.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let target = logger;
  return {
    debug: (...parts: unknown[]) => target.debug(describe(parts)),
    info: (...parts: unknown[]) => target.info(describe(parts)),
    warn: (...parts: unknown[]) => target.warn(describe(parts)),
    error: (...parts: unknown[]) => target.error(describe(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      target = logger.child({ source: next });
    },
  };
}
