import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../../src/adapters/content/content-library.js';
import { hyphenatedTerms, quotedPhrases } from '../../../src/core/retrieval/quoted-phrases.js';
import { createSenseContext, namesIn } from '../../../src/core/retrieval/sense-context.js';
import { processTerm } from '../../../src/core/retrieval/terms.js';

const loaded = await loadLibrary(new URL('../../../content/', import.meta.url).pathname, {
  now: () => new Date(),
});
if (!loaded.ok) throw new Error('content/ is invalid');
const senses = createSenseContext(loaded.library, processTerm);
const t = (word: string) => processTerm(word)!;

describe('createSenseContext on the shipped library', () => {
  it('finds a word in a sentence with another topic word of the question, or not', () => {
    expect(senses.sharesSentence('embeddings', t('duplicate'), [t('tickets'), t('questions')])).toBe(true);
    expect(senses.sharesSentence('vector-database', t('database'), [t('payroll'), t('restore')])).toBe(false);
    // A word never keeps company with itself.
    expect(senses.sharesSentence('token', t('token'), [t('token')])).toBe(false);
    expect(senses.sharesSentence('no-such-concept', t('token'), [t('cost')])).toBe(false);
  });

  it('knows the forms a concept writes, beside their stems', () => {
    expect(senses.usesForm('embeddings', 'embeddings')).toBe(true);
    expect(t('embedded')).toBe(t('embeddings'));
    expect(senses.usesForm('embeddings', 'embedded')).toBe(false);
  });

  it('knows the words a concept writes as names, and finds word sequences within one sentence', () => {
    expect(senses.writesAsName('large-language-model', 'claude')).toBe(true);
    expect(senses.writesAsName('multimodal', 'teams')).toBe(false);
    expect(senses.hasSequence('large-language-model', ['open', 'weight'])).toBe(true);
    expect(senses.hasSequence('large-language-model', ['weight', 'open'])).toBe(false);
  });
});

describe('namesIn', () => {
  it('takes capitalised words inside a sentence, not its first word, "I" or all-capital abbreviations', () => {
    expect(namesIn('How do I share a screenshot in Teams? Windows asks. Is the LLM in Slack')).toEqual([
      'teams',
      'slack',
    ]);
    expect(namesIn('Claude', true)).toEqual(['claude']);
  });
});

describe('quotedPhrases and hyphenatedTerms', () => {
  it('reads quotes, not apostrophes inside words', () => {
    expect(quotedPhrases("how can search find 'can't sign in' when the doc says “login failure”?")).toEqual([
      "can't sign in",
      'login failure',
    ]);
    expect(quotedPhrases("what's a token's cost?")).toEqual([]);
  });

  it('keeps hyphenated compounds whole', () => {
    expect(hyphenatedTerms("what's top-k and chain-of-thought? a well known trick")).toEqual([
      'top-k',
      'chain-of-thought',
    ]);
  });
});

describe('processTerm', () => {
  it('brings a verb in "-ct" and its noun in "-ction" together', () => {
    expect(t('detect')).toBe(t('detection'));
    expect(t('inject')).toBe(t('injection'));
    expect(t('instruct')).toBe(t('instructions'));
    expect(t('act')).toBe('act');
  });
});
