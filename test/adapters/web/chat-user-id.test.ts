import { describe, expect, it } from 'vitest';
import { addressKey } from '../../../src/adapters/web/security/chat-user-id.js';

describe('addressKey (the chat limit key)', () => {
  it('keeps IPv4 as is, unwraps IPv4-mapped IPv6, and cuts IPv6 to its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:0001:0002:0003:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('unknown')).toBe('unknown');
  });
});
