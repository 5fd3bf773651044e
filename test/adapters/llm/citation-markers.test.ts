import { describe, expect, it } from 'vitest';
import { citedPassageIds, stripCitationMarkers } from '../../../src/adapters/llm/citation-markers.js';
import { visibleText } from '../../../src/adapters/llm/visible-text.js';

const IDS = ['token#faq-1', 'token#what-it-is', 'temperature#what-it-is'];

describe('[n] citation markers', () => {
  it.each([
    ['A token is part of a word [2].', ['token#what-it-is']],
    ['Both [1, 3], then [2][1].', ['token#faq-1', 'temperature#what-it-is', 'token#what-it-is']],
    ['Footnote style [^3].', ['temperature#what-it-is']],
    ['Out of range [4] and [0] and [12].', []],
    ['In code `items[1]` and\n```\nx = a[2]\n```\n only [3].', ['temperature#what-it-is']],
    ['No markers at all.', []],
  ])('%s → %j', (text, expected) => {
    expect(citedPassageIds(text, IDS)).toEqual(expected);
  });

  it('strips markers and the space before them, but not code or links', () => {
    expect(stripCitationMarkers('Per token [1]. Denser [1, 2][3].')).toBe('Per token. Denser.');
    expect(stripCitationMarkers('See `a[1]` and [docs](https://x.test).')).toBe(
      'See `a[1]` and [docs](https://x.test).',
    );
  });

  it('holds back a marker still being written, so drafts never flash half of one', () => {
    expect(stripCitationMarkers('Per token [1', { streaming: true })).toBe('Per token');
    expect(stripCitationMarkers('Per token [1, ', { streaming: true })).toBe('Per token');
    expect(stripCitationMarkers('Per token [', { streaming: true })).toBe('Per token');
    expect(stripCitationMarkers('Per token [1', {})).toBe('Per token [1');
  });

  it('gives drafts that each extend the one before', () => {
    const raw = '<think>hmm [2]</think>\nAbout three quarters [1]. Code is denser [1, 2]. Done.';
    let previous = '';
    for (let end = 1; end <= raw.length; end++) {
      const draft = visibleText(raw.slice(0, end), { streaming: true });
      expect(draft.startsWith(previous), `${JSON.stringify(previous)} → ${JSON.stringify(draft)}`).toBe(true);
      previous = draft;
    }
    expect(previous).toBe('About three quarters. Code is denser. Done.');
  });
});
