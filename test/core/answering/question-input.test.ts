import { describe, expect, it } from 'vitest';
import { capHistory } from '../../../src/core/answering/history.js';
import { MAX_QUESTION_CHARS, prepareQuestion } from '../../../src/core/answering/question-input.js';
import { UserFacingError } from '../../../src/core/errors.js';

describe('prepareQuestion', () => {
  it('refuses an empty question with a friendly user-facing error', () => {
    for (const empty of ['', '   ', '\n\t']) {
      expect(() => prepareQuestion(empty)).toThrow(UserFacingError);
      expect(() => prepareQuestion(empty)).toThrow(/Ask me a question about an AI concept/);
    }
  });

  it('strips control characters (NUL, DEL, C1) wherever they are, keeping the words around them', () => {
    expect(prepareQuestion('What is a context window?\u0000').text).toBe('What is a context window?');
    expect(prepareQuestion('to\u0000ken\u0007 \u007f\u009bbudget').text).toBe('token budget');
    // Tabs and line breaks are whitespace, folded like any other.
    expect(prepareQuestion('what\tis\r\na token?').text).toBe('what is a token?');
    expect(() => prepareQuestion('\u0000\u0001\u001f')).toThrow(/Ask me a question/);
  });

  it('collapses whitespace', () => {
    expect(prepareQuestion('  what   is\n a token? ')).toEqual({ text: 'what is a token?', notices: [] });
  });

  it('cuts an overlong question at a word boundary and says so', () => {
    const long = 'token '.repeat(500);
    const { text, notices } = prepareQuestion(long);
    expect(text.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(text.endsWith('token')).toBe(true);
    expect(notices).toEqual([
      'Your question was longer than 2,000 characters, so I only read the first 2,000.',
    ]);
  });

  it('keeps a question of exactly the limit whole', () => {
    const exact = 'a'.repeat(MAX_QUESTION_CHARS);
    expect(prepareQuestion(exact)).toEqual({ text: exact, notices: [] });
  });
});

describe('capHistory', () => {
  const turns = [
    { role: 'user' as const, text: 'a'.repeat(400) },
    { role: 'assistant' as const, text: 'b'.repeat(400) },
    { role: 'user' as const, text: 'c'.repeat(400) },
    { role: 'assistant' as const, text: 'd'.repeat(400) },
  ];

  it('keeps the most recent turns within the token cap, starting with a user turn', () => {
    const kept = capHistory(turns, 250);
    expect(kept.map((t) => t.text[0])).toEqual(['c', 'd']);
  });

  it('drops everything when even the last turn does not fit', () => {
    expect(capHistory(turns, 10)).toEqual([]);
  });

  it('merges consecutive turns of the same role', () => {
    expect(
      capHistory(
        [
          { role: 'user', text: 'one' },
          { role: 'user', text: 'two' },
        ],
        100,
      ),
    ).toEqual([{ role: 'user', text: 'one\n\ntwo' }]);
  });
});
