import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { countLines } from '../../../src/adapters/cli/commands/csv-records.js';

const lines = (...chunks: string[]) => countLines(Readable.from(chunks.map((c) => Buffer.from(c))));

describe('countLines (the total an import progress divides by)', () => {
  it('counts lines across chunks, with or without a final line break', async () => {
    expect(await lines('email\na@example.com\n', 'b@example.com\n')).toBe(3);
    expect(await lines('email\r\na@example.com\r\nb@exam', 'ple.com')).toBe(3);
    expect(await lines('')).toBe(0);
    expect(await lines('email')).toBe(1);
  });
});
