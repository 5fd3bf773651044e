import { describe, expect, it } from 'vitest';
import {
  applyPreferencesChange,
  DEFAULT_PREFERENCES,
  parsePreferencesChange,
  receivesIssue,
} from '../../../src/core/newsletter/preferences.js';
import { isoWeekIndex, isoWeekKey } from '../../../src/core/newsletter/week-key.js';

const now = new Date('2026-11-24T10:00:00Z'); // Tuesday of 2026-W48
const WEEK = 7 * 86_400_000;

describe('isoWeekIndex', () => {
  it('counts weeks from 1970-W02 and keeps counting across years with 53 weeks', () => {
    expect(isoWeekIndex('1970-W02')).toBe(0);
    expect(isoWeekIndex('1970-W03')).toBe(1);
    // 2026 has 53 ISO weeks: W53 and the next year's W01 are consecutive.
    expect(isoWeekIndex('2027-W01') - isoWeekIndex('2026-W53')).toBe(1);
    expect(isoWeekIndex('2026-W01') - isoWeekIndex('2025-W52')).toBe(1);
    // Every week of five years, by the calendar: each next week's index is one more.
    let previous = isoWeekIndex(isoWeekKey(new Date('2024-01-03T12:00:00Z'), 'UTC'));
    for (let t = new Date('2024-01-10T12:00:00Z').getTime(); t < Date.UTC(2029, 0, 1); t += WEEK) {
      const index = isoWeekIndex(isoWeekKey(new Date(t), 'UTC'));
      expect(index).toBe(previous + 1);
      previous = index;
    }
  });

  it('refuses a string that is not a week key', () => {
    expect(() => isoWeekIndex('2026-48')).toThrow(/not a week key/);
  });
});

describe('parsePreferencesChange', () => {
  it('reads the form, keeping the current choice for a field that is missing', () => {
    expect(
      parsePreferencesChange({ pause: '4', cadence: 'biweekly', level: 'beginner' }, DEFAULT_PREFERENCES),
    ).toEqual({ pause: 4, cadence: 'biweekly', level: 'beginner' });
    expect(parsePreferencesChange({}, { ...DEFAULT_PREFERENCES, level: 'beginner' })).toEqual({
      pause: 'keep',
      cadence: 'weekly',
      level: 'beginner',
    });
    expect(parsePreferencesChange({ pause: 'none' }, DEFAULT_PREFERENCES).pause).toBe('none');
  });

  it.each([
    [{ pause: '3' }, /"3" is not a choice for pause\. Choose one of: keep, none, 2, 4, 8 \(weeks\)\./],
    [{ pause: '-1' }, /for pause/],
    [{ cadence: 'daily' }, /"daily" is not a choice for frequency\. Choose one of: weekly, biweekly\./],
    [{ level: 'expert' }, /"expert" is not a choice for difficulty\. Choose one of: all, beginner\./],
    [{ clicks: 'maybe' }, /"maybe" is not a choice for count my clicks\. Choose one of: on, off\./],
  ])('refuses %o with a message naming the field and the choices', (fields, message) => {
    expect(() => parsePreferencesChange(fields, DEFAULT_PREFERENCES)).toThrow(message);
  });
});

describe('"Count my clicks"', () => {
  it('is on by default, turns off and on from the form, and a form without it keeps the choice', () => {
    expect(DEFAULT_PREFERENCES.countClicks).toBe(true);
    const off = parsePreferencesChange({ clicks: 'off' }, DEFAULT_PREFERENCES);
    expect(off.countClicks).toBe(false);
    const turnedOff = applyPreferencesChange(DEFAULT_PREFERENCES, off, now, '2026-W48');
    expect(turnedOff).toEqual({ ...DEFAULT_PREFERENCES, countClicks: false });
    const untouched = parsePreferencesChange({ level: 'beginner' }, turnedOff);
    expect(applyPreferencesChange(turnedOff, untouched, now, '2026-W48').countClicks).toBe(false);
    const on = parsePreferencesChange({ clicks: 'on' }, turnedOff);
    expect(applyPreferencesChange(turnedOff, on, now, '2026-W48').countClicks).toBe(true);
  });

  it('never decides who receives an issue', () => {
    const issue = { weekKey: '2026-W48', scheduledFor: now, difficulty: 'advanced' };
    expect(receivesIssue({ ...DEFAULT_PREFERENCES, countClicks: false }, issue)).toBe(true);
  });
});

describe('applyPreferencesChange', () => {
  it('pauses for whole weeks from now, keeps a pause on "keep", and ends it on "none"', () => {
    const paused = applyPreferencesChange(
      DEFAULT_PREFERENCES,
      { pause: 2, cadence: 'weekly', level: 'all' },
      now,
      '2026-W48',
    );
    expect(paused.pausedUntil).toEqual(new Date(now.getTime() + 2 * WEEK));
    const kept = applyPreferencesChange(
      paused,
      { pause: 'keep', cadence: 'weekly', level: 'all' },
      now,
      '2026-W49',
    );
    expect(kept.pausedUntil).toEqual(paused.pausedUntil);
    expect(
      applyPreferencesChange(paused, { pause: 'none', cadence: 'weekly', level: 'all' }, now, '2026-W48')
        .pausedUntil,
    ).toBeNull();
  });

  it('every other week starts with the current week and keeps its parity when saved again', () => {
    const biweekly = applyPreferencesChange(
      DEFAULT_PREFERENCES,
      { pause: 'keep', cadence: 'biweekly', level: 'all' },
      now,
      '2026-W48',
    );
    expect(biweekly.cadenceParity).toBe(isoWeekIndex('2026-W48') % 2);
    const savedAgain = applyPreferencesChange(
      biweekly,
      { pause: 'keep', cadence: 'biweekly', level: 'all' },
      now,
      '2026-W49',
    );
    expect(savedAgain.cadenceParity).toBe(biweekly.cadenceParity);
    expect(
      applyPreferencesChange(biweekly, { pause: 'keep', cadence: 'weekly', level: 'all' }, now, '2026-W49')
        .cadenceParity,
    ).toBeNull();
  });
});

describe('receivesIssue', () => {
  const issue = (weekKey: string, difficulty = 'beginner', scheduledFor = now) => ({
    weekKey,
    difficulty,
    scheduledFor,
  });

  it('a paused subscriber gets nothing due before the pause ends, and the issue due at its end', () => {
    const preferences = { ...DEFAULT_PREFERENCES, pausedUntil: new Date(now.getTime() + 2 * WEEK) };
    expect(receivesIssue(preferences, issue('2026-W48'))).toBe(false);
    expect(receivesIssue(preferences, issue('2026-W49', 'beginner', new Date(now.getTime() + WEEK)))).toBe(
      false,
    );
    expect(
      receivesIssue(preferences, issue('2026-W50', 'beginner', new Date(now.getTime() + 2 * WEEK))),
    ).toBe(true);
  });

  it('every other week: the weeks of its parity only, across the turn of a 53-week year', () => {
    const preferences = { ...DEFAULT_PREFERENCES, cadence: 'biweekly' as const, cadenceParity: 0 as const };
    const weeks = ['2026-W51', '2026-W52', '2026-W53', '2027-W01', '2027-W02', '2027-W03'];
    const got = weeks.filter((weekKey) => receivesIssue(preferences, issue(weekKey)));
    expect(got).toHaveLength(3);
    for (const [a, b] of [
      [0, 1],
      [2, 3],
      [4, 5],
    ] as const)
      expect(got.includes(weeks[a]!)).not.toBe(got.includes(weeks[b]!));
  });

  it('beginner only: beginner concepts only; everyone else gets every level', () => {
    const beginner = { ...DEFAULT_PREFERENCES, level: 'beginner' as const };
    expect(receivesIssue(beginner, issue('2026-W48', 'beginner'))).toBe(true);
    expect(receivesIssue(beginner, issue('2026-W48', 'intermediate'))).toBe(false);
    expect(receivesIssue(beginner, issue('2026-W48', 'advanced'))).toBe(false);
    expect(receivesIssue(DEFAULT_PREFERENCES, issue('2026-W48', 'advanced'))).toBe(true);
  });
});

describe('the time zone choice', () => {
  it('keeps the zone when the field is missing, clears it with "default", and stores the canonical name', () => {
    const tokyo = { ...DEFAULT_PREFERENCES, timeZone: 'Asia/Tokyo' };
    const keep = parsePreferencesChange({}, tokyo);
    expect(keep.timeZone).toBeUndefined();
    expect(applyPreferencesChange(tokyo, keep, now, '2026-W48').timeZone).toBe('Asia/Tokyo');
    const cleared = parsePreferencesChange({ timeZone: 'default' }, tokyo);
    expect(applyPreferencesChange(tokyo, cleared, now, '2026-W48').timeZone).toBeNull();
    const set = parsePreferencesChange({ timeZone: 'america/new_york' }, DEFAULT_PREFERENCES);
    expect(applyPreferencesChange(DEFAULT_PREFERENCES, set, now, '2026-W48').timeZone).toBe(
      'America/New_York',
    );
  });

  it('refuses a zone that is not an IANA name, naming it, with the form’s error code', () => {
    expect(() => parsePreferencesChange({ timeZone: 'GMT+9:00' }, DEFAULT_PREFERENCES)).toThrow(
      expect.objectContaining({
        code: 'PREFERENCES_INVALID',
        message:
          '"GMT+9:00" is not a time zone. Choose an IANA zone name such as Europe/Berlin, America/New_York or Asia/Tokyo.',
      }),
    );
  });
});
