import type { Logger } from '../../src/core/ports.js';

/** One recorded log line; `fields` include the bindings of the child logger that wrote it. */
export interface RecordedLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

/** A logger that records every line, so tests can assert on warnings and catch unexpected errors. */
export function createRecordingLogger(): Logger & { lines: RecordedLine[] } {
  const lines: RecordedLine[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const at = (level: string) => (message: string, fields?: Record<string, unknown>) => {
      const merged = { ...bindings, ...fields };
      lines.push(Object.keys(merged).length > 0 ? { level, message, fields: merged } : { level, message });
    };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return { lines, ...make({}) };
}
