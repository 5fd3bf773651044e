import { createHash } from 'node:crypto';
import { UserFacingError } from '../errors.js';
import type { BounceEvent, BounceKind } from './bounce-events.js';
import { tryParseEmailAddress } from './email-address.js';

/** One parsed CSV record and the 1-based line it starts on. */
export interface BounceImportRecord {
  line: number;
  fields: string[];
}

/** What a CSV import found. */
export interface BounceImportReport {
  format: string;
  events: BounceEvent[];
  counts: Record<BounceKind, number>;
}

/**
 * A CSV layout: which header names hold the address, the kind, the reason and
 * the date (first match wins, case-insensitive), and the kind of every row
 * when the file has no kind column (a provider's bounce list is all hard bounces).
 */
interface CsvFormat {
  email: string[];
  kind?: string[];
  reason: string[];
  date: string[];
  /** Kind of a row by the value of its kind column (lower-cased); absent: `fixedKind`. */
  kinds?: Record<string, BounceKind>;
  fixedKind?: BounceKind;
}

const GENERIC_KINDS: Record<string, BounceKind> = {
  hard: 'hard-bounce',
  'hard-bounce': 'hard-bounce',
  hardbounce: 'hard-bounce',
  permanent: 'hard-bounce',
  bounce: 'hard-bounce',
  soft: 'soft-bounce',
  'soft-bounce': 'soft-bounce',
  softbounce: 'soft-bounce',
  transient: 'soft-bounce',
  complaint: 'complaint',
  spam: 'complaint',
  spamcomplaint: 'complaint',
};

/**
 * The formats `tutor bounces import --provider` reads. `generic` is
 * `email,type,reason,date`; the others follow the providers' suppression
 * exports (docs/newsletter.md lists the columns).
 */
export const BOUNCE_CSV_FORMATS: Record<string, CsvFormat> = {
  generic: { email: ['email'], kind: ['type'], reason: ['reason'], date: ['date'], kinds: GENERIC_KINDS },
  // SES account-level suppression list export: EmailAddress, Reason (BOUNCE | COMPLAINT), LastUpdateTime.
  ses: {
    email: ['emailaddress', 'email'],
    kind: ['reason'],
    reason: ['reason'],
    date: ['lastupdatetime', 'date'],
    kinds: { bounce: 'hard-bounce', complaint: 'complaint' },
  },
  // Postmark bounces export: Type (HardBounce, SoftBounce, SpamComplaint, …), Email, Description, BouncedAt.
  postmark: {
    email: ['email'],
    kind: ['type'],
    reason: ['description', 'details'],
    date: ['bouncedat'],
    kinds: {
      hardbounce: 'hard-bounce',
      bademailaddress: 'hard-bounce',
      softbounce: 'soft-bounce',
      transient: 'soft-bounce',
      dnserror: 'soft-bounce',
      spamcomplaint: 'complaint',
    },
  },
  // Mailgun bounces export: address, code, error, created_at (every row a permanent failure).
  mailgun: { email: ['address', 'email'], reason: ['error'], date: ['created_at'], fixedKind: 'hard-bounce' },
  // SendGrid bounces export: email, created, reason, status (Unix seconds in created).
  sendgrid: { email: ['email'], reason: ['reason'], date: ['created'], fixedKind: 'hard-bounce' },
  // Resend has no suppression export of its own; its dashboard list exported with these names works.
  resend: {
    email: ['email', 'to'],
    kind: ['type'],
    reason: ['reason'],
    date: ['date', 'created_at'],
    kinds: GENERIC_KINDS,
  },
};

/** Reads a date cell: ISO 8601, RFC 2822, or Unix seconds. */
function parseDate(value: string): Date | null {
  const text = value.trim();
  if (/^\d{9,11}(\.\d+)?$/.test(text)) return new Date(Number(text) * 1000);
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time);
}

function columnOf(header: string[], names: string[] | undefined): number {
  if (!names) return -1;
  for (const name of names) {
    const index = header.findIndex((h) => h.trim().toLowerCase() === name);
    if (index >= 0) return index;
  }
  return -1;
}

/**
 * Validates every row of a bounce export and turns it into events. The event
 * id is a hash of (format, address, kind, date), so importing the same file
 * twice records nothing the second time. The first bad row throws a
 * UserFacingError naming the file, line and column and what would be valid.
 */
export async function importBounceRecords(input: {
  records: AsyncIterable<BounceImportRecord>;
  format: string;
  name: string;
}): Promise<BounceImportReport> {
  const { name } = input;
  const format = BOUNCE_CSV_FORMATS[input.format];
  if (!format)
    throw new UserFacingError(
      'BOUNCE_FORMAT_UNKNOWN',
      `Unknown provider "${input.format}": use one of ${Object.keys(BOUNCE_CSV_FORMATS).join(', ')}.`,
    );
  const report: BounceImportReport = {
    format: input.format,
    events: [],
    counts: { 'hard-bounce': 0, 'soft-bounce': 0, complaint: 0 },
  };
  let header: string[] | null = null;
  let cols = { email: -1, kind: -1, reason: -1, date: -1 };
  for await (const { line, fields } of input.records) {
    if (!header) {
      header = fields;
      cols = {
        email: columnOf(header, format.email),
        kind: columnOf(header, format.kind),
        reason: columnOf(header, format.reason),
        date: columnOf(header, format.date),
      };
      const missing = [
        cols.email < 0 ? format.email[0] : null,
        cols.date < 0 ? format.date[0] : null,
        format.kinds && cols.kind < 0 ? format.kind?.[0] : null,
      ].filter(Boolean);
      if (missing.length > 0)
        throw new UserFacingError(
          'BOUNCE_CSV_HEADER',
          `${name}:${line}: the header (${fields.join(', ')}) has no ${missing.join(', ')} column, which the ${input.format} format needs. Check --provider, or rename the columns.`,
        );
      continue;
    }
    if (fields.every((f) => f.trim() === '')) continue;
    const cell = (index: number) => (index >= 0 ? (fields[index] ?? '').trim() : '');
    const where = (index: number) => `${name}:${line}, column ${index + 1} (${header?.[index]?.trim()})`;
    const email = tryParseEmailAddress(cell(cols.email));
    if (!email)
      throw new UserFacingError(
        'BOUNCE_CSV_ROW',
        `${where(cols.email)}: "${cell(cols.email)}" is not a valid email address. Fix or remove the row; nothing was imported.`,
      );
    let kind = format.fixedKind;
    if (format.kinds) {
      kind = format.kinds[cell(cols.kind).toLowerCase()];
      if (!kind)
        throw new UserFacingError(
          'BOUNCE_CSV_ROW',
          `${where(cols.kind)}: "${cell(cols.kind)}" is not a known type; use one of ${Object.keys(format.kinds).join(', ')}. Nothing was imported.`,
        );
    }
    const occurredAt = parseDate(cell(cols.date));
    if (!occurredAt)
      throw new UserFacingError(
        'BOUNCE_CSV_ROW',
        `${where(cols.date)}: "${cell(cols.date)}" is not a date; use ISO 8601 such as 2026-11-30T09:00:00Z. Nothing was imported.`,
      );
    const resolved = kind ?? 'hard-bounce';
    const eventId = createHash('sha256')
      .update(`${input.format}\n${email}\n${resolved}\n${occurredAt.toISOString()}`)
      .digest('hex')
      .slice(0, 32);
    report.events.push({
      provider: `import:${input.format}`,
      eventId,
      email,
      kind: resolved,
      occurredAt,
      detail: cell(cols.reason).slice(0, 500),
    });
    report.counts[resolved]++;
  }
  if (!header)
    throw new UserFacingError(
      'CSV_EMPTY',
      `${name} is empty; it needs a header line and one row per address.`,
    );
  return report;
}
