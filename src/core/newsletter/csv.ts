/** A cell value; null and undefined are written as empty fields, dates as ISO 8601 in UTC. */
export type CsvValue = string | number | Date | null | undefined;

/** Text a spreadsheet would run as a formula (CWE-1236): =, +, -, @, tab or carriage return first. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180). Text a spreadsheet would run as a formula gets an
 * apostrophe in front, so a consent source or an error message can never
 * execute in Excel or LibreOffice; fields with a comma, quote or line break
 * are quoted, with quotes doubled.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, ended by CRLF as RFC 4180 asks. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
