import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  localClock,
  nextDate,
} from '../../../../src/core/practice/reminders/local-clock.js';
import { parseRemindRequest } from '../../../../src/core/practice/reminders/reminder-settings.js';
import {
  formatReminderTime,
  parseReminderTime,
} from '../../../../src/core/practice/reminders/reminder-time.js';

describe('parseReminderTime', () => {
  it.each([
    ['9:00', 540],
    ['09:00', 540],
    ['9', 540],
    ['17:30', 1050],
    ['0:00', 0],
    ['23:59', 1439],
    ['9am', 540],
    ['9 AM', 540],
    ['12am', 0],
    ['12pm', 720],
    ['5:30pm', 1050],
    ['5.30 p.m.', 1050],
    [' 7:05 ', 425],
  ])('reads %j as %i minutes', (input, minutes) => {
    expect(parseReminderTime(input)).toEqual({ ok: true, minutes });
  });

  it.each([
    ['', /is empty/],
    ['24:00', /hour above 23/],
    ['9:60', /minutes above 59/],
    ['13pm', /outside 1–12/],
    ['0am', /outside 1–12/],
    ['nine', /is not a time/],
    ['9:5', /is not a time/],
    ['9:00:00', /is not a time/],
    ['-1', /is not a time/],
  ])('refuses %j naming the accepted forms', (input, why) => {
    const parsed = parseReminderTime(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toMatch(why);
    expect(parsed.message).toContain('9:00, 09:00, 17:30, 9am or 5:30pm');
  });

  it('formats minutes as a 24-hour time', () => {
    expect(formatReminderTime(540)).toBe('09:00');
    expect(formatReminderTime(1050)).toBe('17:30');
  });
});

describe('parseRemindRequest', () => {
  it('reads show, off and a time; a bad time names the forms and off', () => {
    expect(parseRemindRequest('')).toEqual({ kind: 'show' });
    expect(parseRemindRequest('OFF')).toEqual({ kind: 'off' });
    expect(parseRemindRequest('9am')).toEqual({ kind: 'set', minutes: 540 });
    const bad = parseRemindRequest('tomorrow');
    expect(bad.kind).toBe('invalid');
    expect(bad.kind === 'invalid' && bad.message).toMatch(/"tomorrow" is not a time.*`off`/);
  });
});

describe('time zones', () => {
  it('canonicalises IANA names and refuses unknown zones and bare offsets', () => {
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('+02:00')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });

  it('reads the local wall clock across a DST change', () => {
    // Europe/Berlin springs forward on 2026-03-29 at 02:00 → 03:00.
    expect(localClock(new Date('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-03-29',
      minutes: 90,
    });
    expect(localClock(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-03-29',
      minutes: 210,
    });
    expect(localClock(new Date('2026-12-01T23:30:00Z'), 'Asia/Tokyo').date).toBe('2026-12-02');
    expect(localClock(new Date('2026-12-01T00:00:00Z'), 'UTC')).toEqual({ date: '2026-12-01', minutes: 0 });
    expect(nextDate('2026-12-31')).toBe('2027-01-01');
  });
});
