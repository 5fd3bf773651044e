import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../src/core/errors.js';
import { parseEmailAddress, tryParseEmailAddress } from '../../../src/core/newsletter/email-address.js';

describe('parseEmailAddress', () => {
  it('trims and lower-cases, so one person is one subscriber', () => {
    expect(parseEmailAddress('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
    expect(parseEmailAddress('mailto:ada@example.com')).toBe('ada@example.com');
  });

  it.each([
    ['ada@', '"ada@" is not a valid email address. Use an address like name@example.com.'],
    [
      'ada example.com',
      '"ada example.com" is not a valid email address. Use an address like name@example.com.',
    ],
    ['<script>@x.y', '"<script>@x.y" is not a valid email address. Use an address like name@example.com.'],
  ])('rejects %j with a message that quotes it and shows the right form', (input, message) => {
    expect(() => parseEmailAddress(input)).toThrow(new UserFacingError('EMAIL_INVALID', message));
  });

  it('says when the address is missing and when it is too long', () => {
    expect(() => parseEmailAddress('   ')).toThrow('Please give an email address, like name@example.com.');
    const long = `${'a'.repeat(250)}@example.com`;
    expect(() => parseEmailAddress(long)).toThrow(/is longer than 254 characters/);
  });

  it('throws user-facing errors (safe to show in chat) and has a non-throwing twin for imports', () => {
    expect(() => parseEmailAddress('nope')).toThrow(UserFacingError);
    expect(tryParseEmailAddress('nope')).toBeNull();
    expect(tryParseEmailAddress('A@B.co')).toBe('a@b.co');
  });
});
