import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../../src/core/newsletter/csv.js';

describe('the CSV writer', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("https://evil.example","x")')).toBe(
      `"'=HYPERLINK(""https://evil.example"",""x"")"`,
    );
    expect(['+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(csvField)).toEqual([
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      `"'\rx"`,
    ]);
    expect(csvField('a=b')).toBe('a=b');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and writes dates, numbers and empties', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(new Date('2026-11-24T09:00:00Z'))).toBe('2026-11-24T09:00:00.000Z');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('ends every record with CRLF', () => {
    expect(csvLine(['a', null, '=x'])).toBe("a,,'=x\r\n");
  });
});
