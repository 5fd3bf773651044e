import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../../src/adapters/email/classify-smtp-error.js';

const smtpError = (command: string, response: string) =>
  Object.assign(new Error('failed'), {
    code: 'EENVELOPE',
    command,
    response,
    responseCode: Number(response.slice(0, 3)),
  });

describe('classifySmtpError', () => {
  it.each([
    ['RCPT TO', '450 4.2.1 Mailbox busy', 'transient'],
    ['RCPT TO', '451 4.7.1 Greylisted, try again later', 'transient'],
    ['DATA', '452 4.3.1 Insufficient storage', 'transient'],
    ['RCPT TO', '550 5.1.1 User unknown', 'permanent'],
    ['DATA', '554 5.7.1 Message rejected', 'permanent'],
    // The server or our account, not the recipient: nobody is bounced for these.
    ['RCPT TO', '421 4.7.0 Too many connections, closing', 'unavailable'],
    ['MAIL FROM', '550 5.7.1 Sender not allowed', 'unavailable'],
    ['MAIL FROM', '451 4.7.1 Rate limit exceeded', 'unavailable'],
    ['AUTH PLAIN', '535 5.7.8 Authentication failed', 'unavailable'],
  ])('%s answered "%s" → %s', (command, response, kind) => {
    expect(classifySmtpError(smtpError(command, response))).toMatchObject({
      status: 'failed',
      kind,
      responseCode: Number(response.slice(0, 3)),
      error: response.slice(4),
    });
  });

  it('treats errors without an SMTP reply (refused, timeout, TLS) as unavailable and says what happened', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), {
      code: 'ESOCKET',
      command: 'CONN',
    });
    expect(classifySmtpError(refused)).toEqual({
      status: 'failed',
      kind: 'unavailable',
      error: 'ESOCKET during CONN: connect ECONNREFUSED 127.0.0.1:25',
    });
    expect(classifySmtpError('boom')).toEqual({
      status: 'failed',
      kind: 'unavailable',
      error: 'ERROR: boom',
    });
  });
});
