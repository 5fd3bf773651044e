import { describe, expect, it } from 'vitest';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';

describe('extractive answers', () => {
  it('answer "what is X" with the concept\'s definition', async () => {
    const { tutor } = await createFixtureTutor(null);
    for (const question of ['what is a token?', "What's a token", 'explain tokens', 'define tokenizer']) {
      const reply = await tutor.ask({ question, platform: 'cli', userId: 'u' });
      expect(reply.answer, question).toMatch(
        /^\*\*Token: What it is\*\*\n\nThe small chunk of text a language model reads and writes/,
      );
      expect(reply.sources).toEqual([{ slug: 'token', title: 'Token', section: 'What it is' }]);
    }
  });

  it('answer a specific question with the FAQ pair that matches it', async () => {
    const { tutor } = await createFixtureTutor(null);
    const reply = await tutor.ask({ question: 'why am I billed per token?', platform: 'cli', userId: 'u' });
    expect(reply.answer).toMatch(/^\*\*Why am I billed per token\?\*\*/);
  });
});
