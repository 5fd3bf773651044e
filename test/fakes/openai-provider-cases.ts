import type { FakeChatReply } from './fake-openai-server.js';

/** One behaviour of the OpenAI-compatible provider that every surface must render the same way. */
export interface ProviderCase {
  name: string;
  /** What the fake server does with each chat request, in order. */
  replies: FakeChatReply[];
  mode: 'ai' | 'extractive';
  /** Text the shown answer contains (markers never appear). */
  shows: string;
  /** Concept slugs listed as sources. */
  sources: string[];
  /** A notice the surface shows, when the answer is quoted. */
  notice?: RegExp;
  /** Chat requests the fake receives. */
  requests: number;
}

/** The question every case asks: the fixture library covers it, so the model is called. */
export const CASE_QUESTION = 'How many tokens is a word?';

/**
 * The cases of issue 14, shared by the adapter test and the Slack and web
 * surface tests so all three show the same contract: streams, [n]
 * citations, an out-of-range marker, an uncited answer, 429 with
 * retry-after, and a mid-stream error.
 */
export const PROVIDER_CASES: ProviderCase[] = [
  {
    name: 'streams an answer citing [1], markers stripped',
    replies: [{ kind: 'answer', text: 'About three quarters of a word per token [1].' }],
    mode: 'ai',
    shows: 'About three quarters of a word per token.',
    sources: ['token'],
    requests: 1,
  },
  {
    name: 'drops a marker pointing at no passage',
    replies: [{ kind: 'answer', text: 'About three quarters of a word per token [1][9].' }],
    mode: 'ai',
    shows: 'About three quarters of a word per token.',
    sources: ['token'],
    requests: 1,
  },
  {
    name: 'never shows an uncited answer: quotes the library',
    replies: [{ kind: 'answer', text: 'Something the model remembers.' }],
    mode: 'extractive',
    shows: 'three quarters of a word per token on average',
    sources: ['token'],
    notice: /could not be tied to the library/,
    requests: 1,
  },
  {
    name: 'retries a 429 after its retry-after',
    replies: [
      { kind: 'http-error', status: 429, headers: { 'retry-after': '1' } },
      { kind: 'answer', text: 'About three quarters of a word per token [1].' },
    ],
    mode: 'ai',
    shows: 'About three quarters of a word per token.',
    sources: ['token'],
    requests: 2,
  },
  {
    name: 'retries a stream that breaks mid-answer',
    replies: [
      { kind: 'stream-error', afterText: 'About three qua' },
      { kind: 'answer', text: 'About three quarters of a word per token [1].' },
    ],
    mode: 'ai',
    shows: 'About three quarters of a word per token.',
    sources: ['token'],
    requests: 2,
  },
];
