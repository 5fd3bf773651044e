import { describe, expect, it } from 'vitest';
import { streamableMarkdown, streamChunks } from '../../../src/adapters/slack/answering/stream-markdown.js';
import { createTtlMap } from '../../../src/adapters/slack/app/ttl-map.js';
import { titleFrom } from '../../../src/adapters/slack/listeners/assistant/user-message.js';

describe('streamableMarkdown', () => {
  it('makes every draft a prefix of the next and of the final text, so a stream only ever appends', () => {
    const answer = '  A **token** is <about> ¾ of a word.\n\nMention <@U1> or <!here> <#C1|x> safely.  \n';
    const final = streamableMarkdown(answer, true);
    let previous = '';
    for (let end = 0; end <= answer.length; end++) {
      const draft = streamableMarkdown(answer.slice(0, end), false);
      expect(draft.startsWith(previous), JSON.stringify({ previous, draft })).toBe(true);
      expect(final.startsWith(draft)).toBe(true);
      previous = draft;
    }
  });

  it('keeps mention syntax visible but inert', () => {
    const safe = streamableMarkdown('Ping <!channel>, <@U123|ada> and <#C9>; keep a < b and <b>.', true);
    expect(safe).not.toMatch(/<[!@#]/);
    expect(safe).toContain('a < b and <b>');
    expect(safe.replaceAll('\u200B', '')).toBe('Ping <!channel>, <@U123|ada> and <#C9>; keep a < b and <b>.');
  });

  it('splits text into pieces one stream call can take', () => {
    expect(streamChunks('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(streamChunks('', 3)).toEqual([]);
    expect(streamChunks('x'.repeat(25_000)).map((c) => c.length)).toEqual([12_000, 12_000, 1000]);
  });
});

describe('titleFrom', () => {
  it('titles a thread with the first line of its first question, cut at a word', () => {
    expect(titleFrom('What is a token?\nAnd why?')).toBe('What is a token?');
    const long = titleFrom(`How ${'very '.repeat(30)}long can a question be?`);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/very…$/);
  });
});

describe('createTtlMap', () => {
  it('forgets entries after their time on the injected clock, and the oldest beyond its size', () => {
    let now = 0;
    const map = createTtlMap<number>({ ttlMs: 1000, clock: { now: () => new Date(now) }, maxEntries: 2 });
    map.set('a', 1);
    now = 999;
    expect(map.get('a')).toBe(1);
    now = 1000;
    expect(map.get('a')).toBeUndefined();
    map.set('b', 2);
    map.set('c', 3);
    map.set('d', 4);
    expect([map.get('b'), map.get('c'), map.get('d')]).toEqual([undefined, 3, 4]);
    expect(map.size).toBe(2);
  });
});
