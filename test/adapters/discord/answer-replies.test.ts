import { describe, expect, it } from 'vitest';
import {
  type DiscordReply,
  fitLines,
  renderAnswer,
} from '../../../src/adapters/discord/render/answer-replies.js';
import type { TutorAnswer } from '../../../src/core/answering/create-tutor.js';

const answer = (patch: Partial<TutorAnswer> = {}): TutorAnswer => ({
  answer: 'A token is about three quarters of a word.',
  sources: [{ slug: 'token', title: 'Token', section: 'How it works' }],
  mode: 'ai',
  notices: [],
  suggestions: [],
  questionId: 'q-1',
  usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
  ...patch,
});

/** Discord counts these embed fields against the 6,000-character limit of one message. */
const embedChars = (reply: DiscordReply) =>
  (reply.embeds ?? []).reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0),
    0,
  );

describe('renderAnswer', () => {
  it('escapes Markdown in titles so a source cannot break its own link', () => {
    const [reply] = renderAnswer(
      answer({ sources: [{ slug: 'rag', title: 'RAG [retrieval] *augmented*' }] }),
      { publicUrl: 'https://t.example', embeds: true },
    );
    expect(reply!.embeds![0]!.fields![0]!.value).toBe(
      '• [RAG \\[retrieval\\] \\*augmented\\*](https://t.example/concepts/rag)',
    );
  });

  it('puts notices in the footer, and leaves the buttons out when the question was not logged', () => {
    const [reply] = renderAnswer(
      answer({ notices: ['AI answers are paused for today; quoting the library.'], questionId: null }),
      { embeds: true },
    );
    expect(reply!.embeds![0]!.footer).toEqual({
      text: 'AI answers are paused for today; quoting the library.',
    });
    expect(reply!.components).toBeUndefined();
  });

  it('keeps every message within 6,000 embed characters, moving sources to their own message when needed', () => {
    const long = 'word '.repeat(819).trim(); // 4,094 characters: one full description
    const sources = Array.from({ length: 30 }, (_, i) => ({
      slug: `concept-${i}`,
      title: `Concept number ${i} with a long title`,
      section: 'Common pitfalls and how to avoid them',
    }));
    const notices = ['n'.repeat(1500)];
    const replies = renderAnswer(answer({ answer: long, sources, notices }), {
      publicUrl: 'https://tutor.example.com',
      question: 'q'.repeat(300),
      embeds: true,
    });
    expect(replies).toHaveLength(2);
    for (const reply of replies) expect(embedChars(reply)).toBeLessThanOrEqual(6000);
    const [first, second] = replies;
    expect(first!.embeds![0]!.title).toHaveLength(256);
    expect(second!.embeds![0]!.description).toBeUndefined();
    expect(second!.embeds![0]!.fields![0]!.value.length).toBeLessThanOrEqual(1024);
    expect(second!.embeds![0]!.fields![0]!.value).toMatch(/…and \d+ more$/);
    expect(second!.embeds![0]!.footer!.text.length).toBeLessThanOrEqual(1024);
    expect(second!.components).toHaveLength(1);
  });

  it('renders plain text under 2,000 characters per message with sources and notices', () => {
    const replies = renderAnswer(answer({ answer: 'Short answer.', notices: ['Quoted from the library.'] }), {
      publicUrl: 'https://t.example',
      embeds: false,
    });
    expect(replies).toEqual([
      {
        content:
          'Short answer.\n\n**Sources**\n• [Token](https://t.example/concepts/token) — How it works\n\n-# Quoted from the library.',
        allowedMentions: { parse: [] },
        components: [expect.objectContaining({ type: 1 })],
      },
    ]);
  });

  it('links the closest topics of a "not covered" answer only when there are pages to link to', () => {
    const notCovered = answer({
      mode: 'not-covered',
      sources: [],
      suggestions: [{ slug: 'token', title: 'Token' }],
    });
    expect(
      renderAnswer(notCovered, { publicUrl: 'https://t.example', embeds: true })[0]!.embeds![0]!.fields,
    ).toEqual([{ name: 'Closest topics', value: '• [Token](https://t.example/concepts/token)' }]);
    expect(renderAnswer(notCovered, { embeds: true })[0]!.embeds![0]!.fields).toBeUndefined();
  });
});

describe('fitLines', () => {
  it('keeps whole lines and says how many were left out', () => {
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 100)).toBe('aaaa\nbbbb\ncccc');
    expect(fitLines(['aaaa', 'bbbb', 'cccc'], 14)).toBe('aaaa\nbbbb\ncccc');
    const long = ['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(10)];
    expect(fitLines(long, 22)).toBe(`${'a'.repeat(10)}\n…and 2 more`);
    expect(fitLines(long, 21)).toBe('…and 3 more');
  });
});

describe('renderAnswer and practice', () => {
  it('adds "Quiz me on this later" for a cited concept with practice items, and nothing without one', () => {
    const withQuiz = renderAnswer(answer({ answer: 'Short.' }), { embeds: true, quizSlug: 'rag' });
    const rows = withQuiz.at(-1)!.components!;
    expect(rows).toHaveLength(2);
    expect(rows[1]!.components[0]).toMatchObject({
      custom_id: 'tutor:practice:later:rag',
      label: 'Quiz me on this later',
    });
    expect(renderAnswer(answer({ answer: 'Short.' }), { embeds: true }).at(-1)!.components).toHaveLength(1);
  });
});
