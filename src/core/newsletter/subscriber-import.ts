import { UserFacingError } from '../errors.js';
import { tryParseEmailAddress } from './email-address.js';
import type { ConsentedOutcome } from './ports.js';

/** One parsed CSV record and the 1-based line it starts on. */
export interface ImportRecord {
  line: number;
  fields: string[];
}

/** What an import did, by outcome, with the first invalid lines. */
export interface ImportReport {
  counts: Record<ConsentedOutcome | 'invalid', number>;
  /** The first {@link SHOWN_IMPORT_PROBLEMS} invalid lines; `counts.invalid` has the total. */
  problems: Array<{ line: number; value: string; message: string }>;
}

/** How far an import is: data rows read so far (blank lines not counted), and how many of them were invalid. */
export interface ImportProgress {
  rows: number;
  invalid: number;
}

/** How many invalid lines an import report lists one by one. */
export const SHOWN_IMPORT_PROBLEMS = 20;

/**
 * Adds every address in the records' `email` column (found in the header
 * line) with `add`, one at a time, so a file of any size streams through.
 * Blank lines are passed over; invalid addresses are counted and the first
 * ones listed with their line number. `name` (a file name) locates errors.
 * `onProgress` hears after every data row, so a long import can show how far it is.
 */
export async function importConsentedRecords(input: {
  records: AsyncIterable<ImportRecord>;
  name: string;
  add(email: string): Promise<ConsentedOutcome>;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}): Promise<ImportReport> {
  const { name } = input;
  const report: ImportReport = {
    counts: { added: 0, activated: 0, 'already-active': 0, suppressed: 0, invalid: 0 },
    problems: [],
  };
  let column = -1;
  let rows = 0;
  for await (const { line, fields } of input.records) {
    if (column < 0) {
      column = fields.findIndex((f) => f.trim().toLowerCase() === 'email');
      if (column < 0)
        throw new UserFacingError(
          'CSV_NO_EMAIL_COLUMN',
          `${name}:${line}: no "email" column in the header (${fields.join(', ')}). Add a header line with a column named email.`,
        );
      continue;
    }
    const raw = fields[column]?.trim() ?? '';
    if (raw === '' && fields.every((f) => f.trim() === '')) continue;
    rows++;
    const email = tryParseEmailAddress(raw);
    if (!email) {
      report.counts.invalid++;
      if (report.problems.length < SHOWN_IMPORT_PROBLEMS)
        report.problems.push({ line, value: raw, message: `"${raw}" is not a valid email address` });
    } else {
      report.counts[await input.add(email)]++;
    }
    input.onProgress?.({ rows, invalid: report.counts.invalid });
  }
  if (column < 0)
    throw new UserFacingError('CSV_EMPTY', `${name} is empty; it needs a header line with an email column.`);
  return report;
}
