import type { Subscriber } from '../../../../core/newsletter/types.js';

/** The export's columns, in order. */
export const SUBSCRIBER_CSV_HEADER =
  'email,status,consent_source,consent_at,created_at,confirmed_at,unsubscribed_at,bounced_at,last_error';

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR at the start) is prefixed with an apostrophe: a
 * consent source or an error message must never execute in Excel.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One subscriber as a CSV line, with CRLF as RFC 4180 asks. */
export function subscriberCsvLine(s: Subscriber): string {
  const date = (d: Date | null) => (d ? d.toISOString() : null);
  return `${[
    s.email,
    s.status,
    s.consentSource,
    date(s.consentAt),
    date(s.createdAt),
    date(s.confirmedAt),
    date(s.unsubscribedAt),
    date(s.bouncedAt),
    s.lastError,
  ]
    .map(csvField)
    .join(',')}\r\n`;
}
