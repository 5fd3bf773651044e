import type { Readable } from 'node:stream';

/** One CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Streams RFC 4180 CSV records: quoted fields with commas, doubled quotes and
 * line breaks, CRLF or LF, a UTF-8 BOM. Memory stays at one record, whatever
 * the file's size.
 */
export async function* csvRecords(input: Readable): AsyncGenerator<CsvRecord> {
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let first = true;
  // A quote that ended a chunk: an escaped quote or the closing one, depending on the next chunk.
  let quoteAtEnd = false;
  input.setEncoding('utf8');
  for await (const chunk of input as AsyncIterable<string>) {
    let text = chunk;
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    const out: CsvRecord[] = [];
    let start = 0;
    if (quoteAtEnd) {
      quoteAtEnd = false;
      if (text[0] === '"') {
        field += '"';
        start = 1;
      } else {
        quoted = false;
        afterQuote = true;
      }
    }
    for (let i = start; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && i === text.length - 1) quoteAtEnd = true;
        else if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (c === '"' && field === '' && !afterQuote) quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
        afterQuote = false;
      } else if (c === '\n') {
        fields.push(field.replace(/\r$/, ''));
        out.push({ line: recordLine, fields });
        fields = [];
        field = '';
        afterQuote = false;
        recordLine = ++line;
      } else field += c;
    }
    yield* out;
  }
  if (quoteAtEnd) quoted = false;
  if (field !== '' || fields.length > 0) {
    fields.push(field.replace(/\r$/, ''));
    yield { line: recordLine, fields };
  }
}

/**
 * Counts the lines of a file by streaming it once (memory stays at one
 * chunk): what an import's progress divides by. Quoted fields with line
 * breaks make it an upper bound on the records.
 */
export async function countLines(input: Readable): Promise<number> {
  let lines = 0;
  let last = -1;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  // A last line without a line break still counts.
  return last === -1 || last === 10 ? lines : lines + 1;
}
