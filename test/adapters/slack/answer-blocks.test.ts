import { describe, expect, it } from 'vitest';
import { answerFooter, renderAnswer } from '../../../src/adapters/slack/render/answer-blocks.js';
import type { TutorAnswer } from '../../../src/core/answering/create-tutor.js';

const usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

function answer(overrides: Partial<TutorAnswer> = {}): TutorAnswer {
  return {
    answer: 'Short answer.',
    sources: [{ slug: 'token', title: 'Token', section: 'What it is' }],
    mode: 'ai',
    notices: [],
    suggestions: [],
    questionId: 'q1',
    usage,
    ...overrides,
  };
}

/** Sections of all messages, in order. */
const sectionsOf = (messages: ReturnType<typeof renderAnswer>) =>
  messages
    .flatMap((m) => m.blocks)
    .filter((b: any) => b.block_id?.startsWith('tutor_answer_'))
    .map((b: any) => b.text.text as string);
const fences = (text: string) => text.split('\n').filter((line) => /^\s*```/.test(line)).length;

/** A long answer whose code block straddles the first 3,000-character boundary. */
function longAnswerWithCode(): { markdown: string; code: string[] } {
  const prose = Array.from(
    { length: 40 },
    (_, i) => `Paragraph ${i} explains how tokens are counted and billed, in plain words.`,
  ).join('\n\n');
  const code = Array.from(
    { length: 60 },
    (_, i) => `tokens_${i} = count_tokens("line ${i} of the prompt")  # ${'x'.repeat(20)}`,
  );
  const markdown = `${prose}\n\n\`\`\`python\n${code.join('\n')}\n\`\`\`\n\n${prose}`;
  return { markdown, code };
}

describe('renderAnswer', () => {
  it('renders the answer, a Sources line and the feedback buttons', () => {
    const [message] = renderAnswer(answer());
    expect(message!.text).toBe('Short answer.');
    expect(message!.blocks).toEqual([
      { type: 'section', block_id: 'tutor_answer_0', text: { type: 'mrkdwn', text: 'Short answer.' } },
      {
        type: 'context',
        block_id: 'tutor_sources',
        elements: [{ type: 'mrkdwn', text: '*Sources:* *Token* (What it is)' }],
      },
      expect.objectContaining({ type: 'actions', block_id: 'tutor_feedback' }),
    ]);
  });

  it('splits a long answer into sections under 3,000 characters without cutting its code block', () => {
    const { markdown, code } = longAnswerWithCode();
    const messages = renderAnswer(answer({ answer: markdown }));
    const sections = sectionsOf(messages);
    expect(sections.length).toBeGreaterThan(2);
    for (const text of sections) {
      expect(text.length).toBeLessThanOrEqual(3000);
      // Every section closes what it opens: Slack never shows half a code block.
      expect(fences(text) % 2).toBe(0);
    }
    const codeSections = sections.filter(
      (s) => s.includes('tokens_0') || s.includes('tokens_59') || s.includes('tokens_30'),
    );
    expect(codeSections.length).toBeGreaterThan(1);
    const shownCode = sections
      .join('\n')
      .split('\n')
      .filter((line) => line.startsWith('tokens_'));
    expect(shownCode).toEqual(code);
  });

  it('keeps each message within 50 blocks, with notices first and the footer on the last message', () => {
    const long = Array.from({ length: 80 }, (_, i) => `Paragraph number ${i} has a few words in it.`).join(
      '\n\n',
    );
    const messages = renderAnswer(answer({ answer: long, notices: ['A notice.'] }), { sectionChars: 60 });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect((messages[0]!.blocks[0] as any).block_id).toBe('tutor_notice');
    expect(messages.at(-1)!.blocks.at(-1)).toMatchObject({ block_id: 'tutor_feedback' });
    expect(
      messages
        .slice(0, -1)
        .flatMap((m) => m.blocks)
        .some((b: any) => b.block_id === 'tutor_feedback' || b.block_id === 'tutor_sources'),
    ).toBe(false);
    expect(
      sectionsOf(messages)
        .join('\n\n')
        .match(/Paragraph number \d+/g),
    ).toHaveLength(80);
  });

  it('links sources to their pages under PUBLIC_URL', () => {
    const [message] = renderAnswer(
      answer({
        sources: [
          { slug: 'token', title: 'Token', section: 'What it is' },
          { slug: 'temperature', title: 'Temperature & sampling' },
        ],
      }),
      { publicUrl: 'https://tutor.example.com' },
    );
    expect((message!.blocks[1] as any).elements[0].text).toBe(
      '*Sources:* <https://tutor.example.com/concepts/token|Token> (What it is) · <https://tutor.example.com/concepts/temperature|Temperature &amp; sampling>',
    );
  });

  it('names the closest concepts when a question is not covered', () => {
    const [message] = renderAnswer(
      answer({
        mode: 'not-covered',
        sources: [],
        suggestions: [
          { slug: 'token', title: 'Token' },
          { slug: 'temperature', title: 'Temperature' },
        ],
      }),
      { publicUrl: 'https://tutor.example.com' },
    );
    expect(message!.blocks.map((b: any) => b.block_id)).toEqual([
      'tutor_answer_0',
      'tutor_suggestions',
      'tutor_feedback',
    ]);
    expect((message!.blocks[1] as any).elements[0].text).toBe(
      '*Closest topics in the library:* <https://tutor.example.com/concepts/token|Token> · <https://tutor.example.com/concepts/temperature|Temperature>',
    );
  });

  it('leaves out the buttons when the question could not be logged', () => {
    const [message] = renderAnswer(answer({ questionId: null }));
    expect(message!.blocks.map((b: any) => b.block_id)).toEqual(['tutor_answer_0', 'tutor_sources']);
  });
});

describe('"Quiz me on this later" under an answer', () => {
  const quizButtons = (messages: ReturnType<typeof renderAnswer>) =>
    messages
      .flatMap((m) => m.blocks)
      .filter((b: any) => b.block_id === 'tutor_quiz_later')
      .map((b: any) => b.elements[0]);

  it('comes after the feedback buttons when the answer cites the article, carrying only its slug', () => {
    const messages = renderAnswer(answer(), { quizSlug: 'token' });
    expect(quizButtons(messages)).toEqual([
      expect.objectContaining({ action_id: 'tutor_practice_later', value: 'token' }),
    ]);
    expect(messages.at(-1)!.blocks.at(-1)).toMatchObject({ block_id: 'tutor_quiz_later' });
    // A native stream's footer gets it too.
    expect(answerFooter(answer(), undefined, 'token').at(-1)).toMatchObject({ block_id: 'tutor_quiz_later' });
  });

  it('is left out when the answer cites nothing (not covered), cites another article, or no article has questions', () => {
    const uncited = answer({ sources: [], suggestions: [{ slug: 'token', title: 'Token' }] });
    expect(quizButtons(renderAnswer(uncited, { quizSlug: 'token' }))).toEqual([]);
    expect(quizButtons(renderAnswer(answer(), { quizSlug: 'rag' }))).toEqual([]);
    expect(quizButtons(renderAnswer(answer()))).toEqual([]);
  });
});
