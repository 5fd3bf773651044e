import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import { aliasPhrases } from '../../../src/core/retrieval/alias-phrases.js';
import { createComparisonDetector } from '../../../src/core/retrieval/detect-comparison.js';
import { termSequence } from '../../../src/core/retrieval/terms.js';
import { fixtureFiles } from '../../fixtures/load-fixture-files.js';

const built = buildLibrary(await fixtureFiles());
if (!built.ok) throw new Error('fixture library invalid');
const phrases = aliasPhrases(built.library);
const detect = createComparisonDetector(phrases);

describe('detecting a comparison question', () => {
  it.each([
    ['tokens vs temperature', ['token', 'temperature']],
    ['Temperature versus the tokenizer?', ['temperature', 'token']],
    ['tokens or temperature?', ['token', 'temperature']],
    ['What is the difference between temperature and tokens?', ['temperature', 'token']],
    ['Should I use a creativity setting or tokens?', ['temperature', 'token']],
    ['How does randomness compare with tokenisation?', ['temperature', 'token']],
  ])('"%s" compares %j, in the order it names them', (question, pair) => {
    expect(detect(question)).toEqual(pair);
  });

  it.each([
    // One concept, however it is named.
    'tokens or a tokenizer?',
    'what is a token?',
    // Two concepts but no comparison: a question about one that mentions the other.
    'how do tokens affect temperature',
  ])('"%s" is not a comparison', (question) => {
    expect(detect(question)).toBeNull();
  });

  it('prefers the longer phrase, and ignores a phrase that names two concepts at once', () => {
    const phrase = (slug: string, text: string) => ({ slug, terms: termSequence(text) });
    const longer = createComparisonDetector([
      phrase('prompt-engineering', 'prompting'),
      phrase('prompt-injection', 'prompt injection'),
      phrase('system-prompt', 'system prompt'),
      phrase('rag', 'grounding'),
      phrase('hallucination', 'grounding'),
      phrase('fine-tuning', 'fine-tuning'),
    ]);
    expect(longer('system prompt vs prompt injection')).toEqual(['system-prompt', 'prompt-injection']);
    expect(longer('grounding or fine-tuning?')).toBeNull();
    expect(longer('grounding, prompting or fine-tuning?')).toEqual(['prompt-engineering', 'fine-tuning']);
  });
});
