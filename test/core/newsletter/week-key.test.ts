import { describe, expect, it } from 'vitest';
import { isoWeekKey, isValidTimeZone, parseWeekKey } from '../../../src/core/newsletter/week-key.js';

describe('isoWeekKey', () => {
  it.each([
    ['2026-11-24T09:00:00Z', '2026-W48'],
    ['2026-01-01T12:00:00Z', '2026-W01'], // a Thursday: week 1 of its own year
    ['2027-01-01T12:00:00Z', '2026-W53'], // a Friday: still the last week of 2026
    ['2024-12-30T12:00:00Z', '2025-W01'], // a Monday in December that starts 2025's week 1
  ])('%s is %s', (instant, key) => {
    expect(isoWeekKey(new Date(instant), 'UTC')).toBe(key);
  });

  it('counts weeks in the configured time zone, not the server clock', () => {
    // Sunday 23:30 UTC is already Monday 00:30 in Berlin: a new week there.
    const instant = new Date('2026-11-29T23:30:00Z');
    expect(isoWeekKey(instant, 'UTC')).toBe('2026-W48');
    expect(isoWeekKey(instant, 'Europe/Berlin')).toBe('2026-W49');
  });
});

describe('parseWeekKey', () => {
  it('normalises the accepted spellings', () => {
    expect(parseWeekKey('2026-W48')).toBe('2026-W48');
    expect(parseWeekKey('2026-w5')).toBe('2026-W05');
    expect(parseWeekKey('2026W53')).toBe('2026-W53');
  });

  it('rejects what is not a week of that year, saying how to write one', () => {
    expect(() => parseWeekKey('2025-W53')).toThrow(
      '"2025-W53" is not an ISO week. Write it like 2026-W48 (weeks run 01 to 52).',
    );
    expect(() => parseWeekKey('last week')).toThrow(/Write it like 2026-W48/);
    expect(() => parseWeekKey('2026-W00')).toThrow(/not an ISO week/);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones and rejects made-up ones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
