import { describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../../../src/core/answering/extractive-answer.js';
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

  it('quote both sides of a comparison, each under its concept, in the order the question named them', async () => {
    const { tutor } = await createFixtureTutor(null);
    const reply = await tutor.ask({ question: 'temperature vs tokens', platform: 'cli', userId: 'u' });
    expect(reply.sources.map((s) => s.slug)).toEqual(['temperature', 'token']);
    const headings = reply.answer.match(/^\*\*.*\*\*$/gm);
    expect(headings).toEqual([
      '**Temperature: What it is**',
      '**Temperature: Good fit**',
      '**Token: What it is**',
      '**Token: Good fit**',
    ]);
  });

  it('fall back to one passage when a compared side has none', () => {
    const passage = {
      id: 'token#faq-1',
      slug: 'token',
      title: 'Token',
      aliases: '',
      section: 'How many tokens is a word?',
      question: 'How many tokens is a word?',
      kind: 'faq' as const,
      text: 'About three quarters of a word.',
      score: 3,
    };
    const quoted = extractiveAnswer([passage], 'no-model', 'tokens vs temperature', ['token', 'temperature']);
    expect(quoted?.answer).toBe('**How many tokens is a word?**\n\nAbout three quarters of a word.');
    expect(quoted?.sources).toEqual([
      { slug: 'token', title: 'Token', section: 'How many tokens is a word?' },
    ]);
  });
});
