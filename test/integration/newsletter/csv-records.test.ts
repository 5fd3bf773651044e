import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../src/adapters/cli/commands/csv-records.js';

const parse = async (...chunks: string[]) => {
  const records = [];
  for await (const r of csvRecords(Readable.from(chunks.map((c) => Buffer.from(c))))) records.push(r);
  return records;
};

describe('csvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers lines', async () => {
    expect(
      await parse(
        '\uFEFFname,email\r\n"Lovelace, Ada","a""b@example.com"\r\n"two\nlines",x@example.com\nlast,y@example.com',
      ),
    ).toEqual([
      { line: 1, fields: ['name', 'email'] },
      { line: 2, fields: ['Lovelace, Ada', 'a"b@example.com'] },
      { line: 3, fields: ['two\nlines', 'x@example.com'] },
      { line: 5, fields: ['last', 'y@example.com'] },
    ]);
  });

  it('handles records split across chunks, as a file stream delivers them', async () => {
    expect(await parse('email\nada@exa', 'mple.com\n"quo', 'ted@example.com"\n')).toEqual([
      { line: 1, fields: ['email'] },
      { line: 2, fields: ['ada@example.com'] },
      { line: 3, fields: ['quoted@example.com'] },
    ]);
    // A doubled quote, and a closing quote, each cut off at the end of a chunk.
    expect(await parse('email\n"a"', '"b@example.com"\n"c@example.com"', '\n')).toEqual([
      { line: 1, fields: ['email'] },
      { line: 2, fields: ['a"b@example.com'] },
      { line: 3, fields: ['c@example.com'] },
    ]);
  });
});
