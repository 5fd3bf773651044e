import { describe, expect, it } from 'vitest';
import { describeSkips } from './skip-reasons.js';
import { POSTGRES_SKIP_REASON } from './test-database.js';

describe('describeSkips (the summary reporter prints these before its last line)', () => {
  it('gives each stated reason once, with how many tests it covers', () => {
    const postgres = (name: string) => ({
      file: 'test/adapters/db/question-log.test.ts',
      fullName: `QuestionLog [PostgreSQL: skipped, ${POSTGRES_SKIP_REASON}] > ${name}`,
    });
    expect(
      describeSkips([
        postgres('records'),
        postgres('counts'),
        {
          file: 'test/e2e/key-pages.test.ts',
          fullName: 'e2e: key pages [skipped: chromium is missing] > phone',
        },
      ]),
    ).toEqual([`2 skipped: ${POSTGRES_SKIP_REASON}`, '1 skipped: chromium is missing']);
  });

  it('names every test skipped without a reason', () => {
    expect(describeSkips([{ file: 'test/a.test.ts', fullName: 'suite > a test' }])).toEqual([
      '1 skipped with no reason given:',
      '  test/a.test.ts > suite > a test',
    ]);
  });

  it('says nothing when nothing was skipped', () => {
    expect(describeSkips([])).toEqual([]);
  });
});
