import type { SendResult } from '../../core/newsletter/ports.js';

/** The fields nodemailer puts on its errors. */
interface SmtpError {
  message?: string;
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

// Commands whose rejection is about this recipient or this message, not the server or our account.
const PER_MESSAGE = new Set(['RCPT TO', 'DATA']);

/**
 * Turns a nodemailer error into a delivery outcome:
 * - 4xx on RCPT TO / DATA (greylisting, mailbox busy) → transient, retried with backoff;
 * - 5xx on RCPT TO / DATA (no such user, rejected) → permanent, the subscriber is bounced;
 * - 421, any code on AUTH / MAIL FROM / the greeting, or no SMTP answer at all
 *   (refused connection, timeout, TLS) → unavailable: the server or our account is
 *   the problem, so no subscriber is penalised and the pass stops.
 */
export function classifySmtpError(error: unknown): Extract<SendResult, { status: 'failed' }> {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text = (e.response ?? e.message ?? 'unknown error').replace(/\s+/g, ' ').trim().slice(0, 500);
  const detail = code
    ? text.replace(new RegExp(`^${code}\\s*`), '')
    : `${e.code ?? 'ERROR'}${e.command ? ` during ${e.command}` : ''}: ${text}`;
  const base = { status: 'failed' as const, error: detail, ...(code ? { responseCode: code } : {}) };
  if (code === undefined || code === 421 || !PER_MESSAGE.has(e.command ?? ''))
    return { ...base, kind: 'unavailable' };
  if (code >= 500) return { ...base, kind: 'permanent' };
  if (code >= 400) return { ...base, kind: 'transient' };
  return { ...base, kind: 'unavailable' };
}
