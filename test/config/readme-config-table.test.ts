import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cellText,
  parseEnvExample,
  renderConfigTable,
  TABLE_END,
  TABLE_START,
  tableCells,
} from '../../scripts/config-table.js';
import { envSchema } from '../../src/config/env-schema.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const envExample = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
const table = readme
  .slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END))
  .trim();

const withoutCode = (cell: string) => cell.replace(/``.*?``|`[^`]*`/g, '');

describe("README's configuration table", () => {
  it('is the table generated from .env.example (npm run docs:config rewrites it)', () => {
    expect(tableCells(table), 'run npm run docs:config to regenerate the table from .env.example').toEqual(
      tableCells(renderConfigTable(envExample)),
    );
  });

  it('has one row per variable, in the order of .env.example, and every variable the service reads', () => {
    const names = tableCells(table)
      .map(([first]) => /^`([A-Z0-9_]+)`$/.exec(first ?? '')?.[1])
      .filter((name) => name !== undefined);
    expect(names).toEqual(parseEnvExample(envExample).map((v) => v.name));
    expect([...names].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('renders as written: every line is one row of three cells, with no raw line break or HTML', () => {
    for (const row of table.split('\n')) expect(row, 'a line break split a row').toMatch(/^\| .* \|$/);
    for (const row of tableCells(table)) {
      expect(row, row.join(' | ')).toHaveLength(3);
      for (const cell of row) {
        expect(withoutCode(cell), `unescaped < or > in: ${cell}`).not.toMatch(/[<>]/);
      }
    }
  });
});

describe('cellText', () => {
  it.each([
    ['pglite:<folder> or pglite:memory', '`pglite:<folder>` or pglite:memory'],
    [
      'published at <selector>._domainkey.<DKIM_DOMAIN>.',
      'published at `<selector>._domainkey.<DKIM_DOMAIN>`.',
    ],
    ["Unset: digest.<MAIL_FROM's domain>.", "Unset: `digest.<MAIL_FROM's domain>`."],
    ['write newlines as \\n when', 'write newlines as `\\n` when'],
    ['debug | info', 'debug \\| info'],
    ['a < b and c > d', 'a &lt; b and c &gt; d'],
    ['keep &amp; as text, & alone', 'keep &amp;amp; as text, & alone'],
    ['two\nlines', 'two lines'],
    ['run `tutor a|b` <now>', 'run `tutor a\\|b` `<now>`'],
  ])('%j -> %j', (input, expected) => {
    expect(cellText(input)).toBe(expected);
  });
});
