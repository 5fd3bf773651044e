import { describe, expect, it } from 'vitest';
import {
  EARLIEST_ZONE,
  instantOfWallTime,
  LATEST_ZONE,
  localSendTime,
  sendTimeRange,
} from '../../../src/core/newsletter/local-send-time.js';
import { canonicalTimeZone, parseTimeZone } from '../../../src/core/time/time-zone.js';

const TUESDAY_UTC = new Date('2026-11-24T09:00:00.000Z');

describe('localSendTime', () => {
  it('sends at the digest’s wall time in each subscriber’s zone, on the same date', () => {
    expect(localSendTime(TUESDAY_UTC, 'UTC', 'Asia/Tokyo').toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(localSendTime(TUESDAY_UTC, 'UTC', 'America/New_York').toISOString()).toBe(
      '2026-11-24T14:00:00.000Z',
    );
    // No zone, or the digest's own: the occurrence itself.
    expect(localSendTime(TUESDAY_UTC, 'UTC', null)).toEqual(TUESDAY_UTC);
    // DIGEST_TZ Berlin: Tuesday 09:00 Berlin is 08:00Z; Tuesday 09:00 Tokyo is a day-earlier 00:00Z.
    const berlin = new Date('2026-11-24T08:00:00.000Z');
    expect(localSendTime(berlin, 'Europe/Berlin', 'Asia/Tokyo').toISOString()).toBe(
      '2026-11-24T00:00:00.000Z',
    );
  });

  it('covers the zones at UTC+14 and UTC−12, more than a day apart', () => {
    expect(localSendTime(TUESDAY_UTC, 'UTC', 'Pacific/Kiritimati').toISOString()).toBe(
      '2026-11-23T19:00:00.000Z',
    );
    expect(localSendTime(TUESDAY_UTC, 'UTC', 'Etc/GMT+12').toISOString()).toBe('2026-11-24T21:00:00.000Z');
    expect(localSendTime(TUESDAY_UTC, 'UTC', EARLIEST_ZONE).toISOString()).toBe('2026-11-23T19:00:00.000Z');
    expect(localSendTime(TUESDAY_UTC, 'UTC', LATEST_ZONE).toISOString()).toBe('2026-11-24T21:00:00.000Z');
    expect(sendTimeRange(TUESDAY_UTC, 'UTC', ['Pacific/Kiritimati', null, 'Etc/GMT+12'])).toEqual({
      first: new Date('2026-11-23T19:00:00.000Z'),
      last: new Date('2026-11-24T21:00:00.000Z'),
    });
    expect(sendTimeRange(TUESDAY_UTC, 'UTC', [])).toEqual({ first: TUESDAY_UTC, last: TUESDAY_UTC });
  });

  it('follows each zone’s DST: 09:00 stays 09:00 local on both sides of a change', () => {
    // New York: EDT (−4) until 2026-11-01, EST (−5) after; Sydney: AEST (+10) until 2026-10-04, AEDT (+11) after.
    const before = new Date('2026-10-27T09:00:00.000Z');
    expect(localSendTime(before, 'UTC', 'America/New_York').toISOString()).toBe('2026-10-27T13:00:00.000Z');
    expect(localSendTime(TUESDAY_UTC, 'UTC', 'America/New_York').toISOString()).toBe(
      '2026-11-24T14:00:00.000Z',
    );
    expect(localSendTime(new Date('2026-09-29T09:00:00Z'), 'UTC', 'Australia/Sydney').toISOString()).toBe(
      '2026-09-28T23:00:00.000Z',
    );
    expect(localSendTime(new Date('2026-10-06T09:00:00Z'), 'UTC', 'Australia/Sydney').toISOString()).toBe(
      '2026-10-05T22:00:00.000Z',
    );
  });

  it('maps a wall time that does not exist (spring forward) to one instant, moved on by the gap', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT in New York: 02:30 never happens; it is read as 03:30 EDT.
    const gap = instantOfWallTime({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    expect(gap.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // A DIGEST_CRON of Sunday 02:30 Chicago time (also skipped that night) lands on 03:30 New York time.
    const chicagoGap = instantOfWallTime(
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
      'America/Chicago',
    );
    expect(chicagoGap.toISOString()).toBe('2026-03-08T08:30:00.000Z');
  });

  it('maps a wall time that happens twice (fall back) to its first occurrence', () => {
    // 2026-11-01 02:00 EDT → 01:00 EST: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST).
    const twice = instantOfWallTime(
      { year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
      'America/New_York',
    );
    expect(twice.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // Lord Howe moves by half an hour: 01:45 happens twice on 2026-04-05 (+11 then +10:30).
    const half = instantOfWallTime(
      { year: 2026, month: 4, day: 5, hour: 1, minute: 45 },
      'Australia/Lord_Howe',
    );
    expect(half.toISOString()).toBe('2026-04-04T14:45:00.000Z');
  });

  it('falls back to the digest’s own time for a stored zone this runtime does not know', () => {
    expect(localSendTime(TUESDAY_UTC, 'UTC', 'Mars/Olympus_Mons')).toEqual(TUESDAY_UTC);
  });
});

describe('parseTimeZone', () => {
  it('accepts IANA names, in their canonical spelling', () => {
    expect(parseTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(parseTimeZone(' asia/tokyo ')).toBe('Asia/Tokyo');
    // ICU's canonical spelling, the one browsers report too.
    expect(parseTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Buenos_Aires');
    expect(parseTimeZone('UTC')).toBe('UTC');
    expect(parseTimeZone('Etc/GMT+12')).toBe('Etc/GMT+12');
  });

  it('rejects offsets, unknown names and junk, naming the value and how to fix it', () => {
    for (const bad of [
      '+09:00',
      'Mars/Olympus_Mons',
      '',
      'Asia/Tokyo; DROP TABLE',
      'x'.repeat(100),
      '../etc',
    ]) {
      expect(canonicalTimeZone(bad)).toBeNull();
    }
    expect(() => parseTimeZone('Mars/Olympus_Mons')).toThrow(
      '"Mars/Olympus_Mons" is not a time zone. Choose an IANA zone name such as Europe/Berlin, America/New_York or Asia/Tokyo.',
    );
  });
});
