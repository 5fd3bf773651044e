import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from '../../../src/adapters/log/console-logger.js';
import { errorFields, UserFacingError } from '../../../src/core/errors.js';

describe('createConsoleLogger', () => {
  it('writes child bindings as fields of every line, merged with the line’s own', () => {
    const lines: string[] = [];
    const logger = createConsoleLogger({ level: 'debug', json: true, write: (l) => lines.push(l) });
    const slack = logger.child({ component: 'slack' });
    slack.info('answered a question', { mode: 'ai' });
    slack.child({ channel: 'C1' }).warn('could not post the placeholder');
    logger.info('plain');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'answered a question',
        component: 'slack',
        mode: 'ai',
      }),
      expect.objectContaining({
        level: 'warn',
        message: 'could not post the placeholder',
        component: 'slack',
        channel: 'C1',
      }),
      expect.not.objectContaining({ component: expect.anything() }),
    ]);
  });

  it('keeps the level filter and secret redaction in children, in text format too', () => {
    const lines: string[] = [];
    const logger = createConsoleLogger({ level: 'info', write: (l) => lines.push(l) }).child({
      component: 'discord',
      token: 'xoxb-secret',
    });
    logger.debug('hidden');
    logger.info('connected');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/INFO {2}connected \{"component":"discord","token":"\[redacted\]"\}$/);
  });
});

describe('errorFields', () => {
  it('names an error one way: name and message, its cause, and its code', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(errorFields(new TypeError('x is not a function'))).toEqual({
      error: 'TypeError: x is not a function',
    });
    expect(errorFields(new UserFacingError('RATE_LIMITED', 'Slow down', { cause }))).toEqual({
      error: 'UserFacingError: Slow down (cause: Error: connect ECONNREFUSED 127.0.0.1:5432)',
      code: 'RATE_LIMITED',
    });
    expect(errorFields(cause)).toEqual({
      error: 'Error: connect ECONNREFUSED 127.0.0.1:5432',
      code: 'ECONNREFUSED',
    });
    expect(errorFields('a string')).toEqual({ error: 'a string' });
  });
});
