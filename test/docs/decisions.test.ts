import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folder = new URL('../../docs/decisions/', import.meta.url);
const records = readdirSync(folder)
  .filter((name) => /^\d{3}-[a-z0-9-]+\.md$/.test(name))
  .sort();
const index = readFileSync(new URL('README.md', folder), 'utf8');

describe('docs/decisions', () => {
  it('numbers the records 001, 002, … without gaps or repeats', () => {
    expect(records.map((name) => name.slice(0, 3))).toEqual(
      records.map((_, i) => String(i + 1).padStart(3, '0')),
    );
  });

  it.each(records)('%s has a title, date, status and the three sections, and is in the index', (name) => {
    const text = readFileSync(new URL(name, folder), 'utf8');
    expect(text).toMatch(/^# \S/);
    expect(text).toMatch(/^Date: \d{4}-\d{2}-\d{2}$/m);
    expect(text).toMatch(/^Status: (accepted|superseded by \d{3})$/m);
    const sections = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['Context', 'Decision', 'Consequences']);
    expect(index).toContain(`(${name})`);
  });
});
