import type { CsvValue } from './csv.js';
import type { Subscriber } from './types.js';

/** The columns of every subscriber export, in order (web and CLI alike). */
export const SUBSCRIBER_EXPORT_COLUMNS = [
  'email',
  'status',
  'consent_source',
  'consent_at',
  'created_at',
  'confirmed_at',
  'unsubscribed_at',
  'bounced_at',
  'last_error',
] as const;

/** One subscriber as export cells, in {@link SUBSCRIBER_EXPORT_COLUMNS} order. */
export function subscriberExportRow(s: Subscriber): CsvValue[] {
  return [
    s.email,
    s.status,
    s.consentSource,
    s.consentAt,
    s.createdAt,
    s.confirmedAt,
    s.unsubscribedAt,
    s.bouncedAt,
    s.lastError,
  ];
}
