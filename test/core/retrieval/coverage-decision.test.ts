import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../../src/adapters/content/content-library.js';
import {
  type CoverageEvidence,
  decideCoverage,
  type TermEvidence,
  wordInformation,
} from '../../../src/core/retrieval/coverage-decision.js';
import { createRetriever } from '../../../src/core/retrieval/create-retriever.js';
import { createWordFrequencies } from '../../../src/core/retrieval/word-frequencies.js';
import { englishFrequencies } from '../../fixtures/english-frequencies.js';

const frequencies = englishFrequencies();

/** One topic word of a question, relative to the best concept. */
function term(
  word: string,
  where: 'vocabulary' | 'concept' | 'elsewhere' | 'nowhere',
  spread = 0.1,
): TermEvidence {
  return {
    word,
    term: word,
    inLibrary: where !== 'nowhere',
    inConcept: where === 'vocabulary' || where === 'concept',
    inVocabulary: where === 'vocabulary',
    spread: where === 'nowhere' ? 0 : spread,
  };
}

function evidence(terms: TermEvidence[], extra: Partial<CoverageEvidence> = {}): CoverageEvidence {
  return { terms, score: 50, keyMatch: true, aboutAi: false, scorePerTerm: 50 / terms.length, ...extra };
}

describe('wordInformation', () => {
  it('weighs a rare everyday word above a common one, and jargon the library uses above an unknown name', () => {
    const rare = wordInformation(frequencies.perMillion('thermostat'), false);
    const common = wordInformation(frequencies.perMillion('time'), false);
    expect(rare).toBeGreaterThan(common);
    expect(wordInformation(0, true)).toBeGreaterThan(wordInformation(0, false));
  });
});

describe('decideCoverage on hand-built evidence', () => {
  it('refuses when an everyday word the library never uses carries the question ("bus tokens")', () => {
    const d = decideCoverage(
      evidence([term('buy', 'elsewhere'), term('bus', 'nowhere'), term('tokens', 'vocabulary')]),
      frequencies,
    );
    expect(d).toMatchObject({ covered: false, reason: 'foreign-words', foreignWords: ['bus'] });
  });

  it('refuses when the concept explains too little of the question, though every word is in the library', () => {
    const d = decideCoverage(
      evidence([term('window', 'vocabulary'), term('close', 'elsewhere'), term('stuck', 'elsewhere')]),
      frequencies,
    );
    expect(d).toMatchObject({ covered: false, reason: 'unexplained-words' });
  });

  it('covers a question the concept explains, with no foreign words', () => {
    const d = decideCoverage(
      evidence([term('temperature', 'vocabulary'), term('data', 'concept'), term('extraction', 'concept')]),
      frequencies,
    );
    expect(d).toMatchObject({ covered: true, reason: 'covered', explained: 1, foreign: 0 });
  });

  it('does not count a word English never uses as foreign: it may be jargon or a typo', () => {
    const d = decideCoverage(
      evidence([term('pgvector', 'vocabulary'), term('qdrantt', 'nowhere')]),
      frequencies,
    );
    expect(d.foreignWords).toEqual([]);
  });

  it('tolerates an everyday word more when the question names AI itself', () => {
    const terms = [
      term('llm', 'vocabulary'),
      term('run', 'concept'),
      term('model', 'concept'),
      term('server', 'concept'),
      term('laptop', 'nowhere'),
    ];
    const plain = decideCoverage(evidence(terms), frequencies);
    const aboutAi = decideCoverage(evidence(terms, { aboutAi: true }), frequencies);
    expect(plain.foreign).toBeGreaterThan(0.2);
    expect(plain.covered).toBe(false);
    expect(aboutAi.covered).toBe(true);
  });

  it('needs a match in the concept’s own vocabulary, or strong rare-word evidence', () => {
    const terms = [term('next', 'concept', 0.5), term('date', 'concept', 0.5)];
    expect(decideCoverage(evidence(terms, { keyMatch: false, scorePerTerm: 2 }), frequencies)).toMatchObject({
      covered: false,
      reason: 'not-own-vocabulary',
    });
  });

  it('refuses when the vocabulary word is used in another sense: no sentence of the article has it with another topic word', () => {
    const other = [term('windows', 'vocabulary'), term('password', 'concept')].map((t) => ({
      ...t,
      inContext: false,
    }));
    expect(decideCoverage(evidence(other), frequencies)).toMatchObject({
      covered: false,
      reason: 'other-sense',
    });
    // The same words in sentences of the article together: the library's sense.
    const same = other.map((t) => ({ ...t, inContext: true }));
    expect(decideCoverage(evidence(same), frequencies).covered).toBe(true);
  });

  it('takes jargon, and any word of a question that names AI, in the library’s sense', () => {
    const jargon = { ...term('pgvector', 'vocabulary'), inContext: false };
    expect(decideCoverage(evidence([jargon]), frequencies).covered).toBe(true);
    const window = { ...term('window', 'vocabulary'), inContext: false };
    expect(decideCoverage(evidence([window]), frequencies).reason).toBe('other-sense');
    expect(decideCoverage(evidence([window], { aboutAi: true }), frequencies).covered).toBe(true);
  });

  it('judges jargon on the stem too: "prompting" is rare in English, "prompt" is not', () => {
    const prompting = {
      word: 'prompting',
      term: 'prompt',
      inLibrary: true,
      inConcept: true,
      inVocabulary: true,
      spread: 0.8,
      inContext: false,
    };
    expect(frequencies.perMillion('prompting')).toBeLessThan(1);
    expect(decideCoverage(evidence([prompting]), frequencies).reason).toBe('other-sense');
  });

  it('without a vocabulary match, needs a word of the concept that is not an everyday word', () => {
    const everyday = [term('train', 'concept'), term('run', 'concept')].map((t) => ({
      ...t,
      inContext: true,
    }));
    expect(frequencies.perMillion('run')).toBeGreaterThan(100);
    const prose = { keyMatch: false, scorePerTerm: 20 };
    expect(decideCoverage(evidence([everyday[1]!], prose), frequencies).reason).toBe('other-sense');
    const rare = [term('quantization', 'concept'), term('run', 'concept')];
    expect(decideCoverage(evidence(rare, prose), frequencies).covered).toBe(true);
  });

  it('needs no vocabulary match when the question names AI', () => {
    const terms = [term('ai', 'concept'), term('whiteboard', 'concept'), term('photo', 'concept')];
    const prose = { keyMatch: false, scorePerTerm: 3 };
    expect(decideCoverage(evidence(terms, prose), frequencies).reason).toBe('not-own-vocabulary');
    expect(decideCoverage(evidence(terms, { ...prose, aboutAi: true }), frequencies).covered).toBe(true);
  });

  it('counts a name the concept never writes as a word the library never uses ("Teams")', () => {
    const terms = [term('share', 'concept'), term('screenshot', 'vocabulary'), term('teams', 'concept')];
    expect(decideCoverage(evidence(terms), frequencies).covered).toBe(true);
    const named = terms.map((t) => (t.word === 'teams' ? { ...t, otherName: true } : t));
    expect(decideCoverage(evidence(named), frequencies)).toMatchObject({
      covered: false,
      reason: 'foreign-words',
      foreignWords: ['teams'],
    });
  });

  it('refuses a question without topic words, and a weak match', () => {
    expect(decideCoverage(evidence([]), frequencies).reason).toBe('no-topic-words');
    expect(decideCoverage(evidence([term('token', 'vocabulary')], { score: 0.5 }), frequencies).reason).toBe(
      'weak-match',
    );
  });
});

describe('createWordFrequencies', () => {
  it('folds case and falls back from plurals and possessives to the base word', () => {
    const f = createWordFrequencies([
      { word: 'Car', count: 3 },
      { word: 'car', count: 1 },
      { word: 'box', count: 4 },
    ]);
    expect(f.perMillion('car')).toBe(f.perMillion('CARS'));
    expect(f.perMillion("car's")).toBe(f.perMillion('car'));
    expect(f.perMillion('boxes')).toBe(f.perMillion('box'));
    expect(f.perMillion('car')).toBeCloseTo(0.5e6);
    expect(f.perMillion('zeppelin')).toBe(0);
  });
});

const loaded = await loadLibrary(new URL('../../../content/', import.meta.url).pathname, {
  now: () => new Date(),
});
if (!loaded.ok) throw new Error('content/ is invalid');
const retriever = createRetriever(loaded.library, { frequencies });

describe('the coverage decision on the shipped library', () => {
  // One near miss per category: everyday questions that share a word with the library in another sense.
  it.each([
    ['weather', "what's the temperature in Lisbon tomorrow?", 'temperature'],
    ['cooking', 'what temperature should I roast a chicken at?', 'temperature'],
    ['music', 'how do I tune my piano?', 'fine-tuning'],
    ['transport', 'where can I buy bus tokens?', 'token'],
    ['home', "my window won't close", 'context-window'],
    ['travel', 'the agent at the travel office was rude', 'ai-agent'],
    ['social media', 'how do I embed a tweet?', 'embeddings'],
    ['organising', 'best system for organising my garage?', 'system-prompt'],
    ['health', 'can sleep deprivation cause hallucinations?', 'hallucination'],
    ['medicine', 'where can I get a tetanus injection near the office?', 'prompt-injection'],
    ['cleaning', "what's a good rag for polishing my car?", 'rag'],
    ['history', "what's the historical context of the French Revolution?", 'context-window'],
    // Words of the library's names in their everyday sense, with no foreign word to give them away.
    ['operating systems', 'why does windows keep asking me to restart?', 'context-window'],
    ['browsers', 'how do I open a new window in Chrome?', 'context-window'],
    ['IT operations', 'how do I restore the payroll database from last night?', 'vector-database'],
    ['electronics', 'is embedded firmware hard to learn?', 'embeddings'],
    ['sport', 'how should I train for a half marathon?', 'fine-tuning'],
    ['office apps', 'how do I pin a message in Teams?', 'system-prompt'],
    ['sales', 'how many calls did the sales team make yesterday?', 'function-calling'],
  ])('refuses a near miss about %s: "%s"', (_category, question, near) => {
    const result = retriever.search(question);
    expect(result.covered, JSON.stringify(result.coverage)).toBe(false);
    expect(result.passages).toEqual([]);
    // The closest concept is still offered, as a suggestion.
    expect(result.concepts.map((c) => c.slug)).toContain(near);
  });

  it.each([
    ['what temperature should I use for data extraction?', 'temperature'],
    ['how do I fine-tune a model on our support tickets?', 'fine-tuning'],
    ['how many tokens fit in the context window?', 'context-window'],
    ['what is an AI agent?', 'ai-agent'],
    ['how do I embed documents for semantic search?', 'embeddings'],
    ["what's a good system prompt for a support bot?", 'system-prompt'],
  ])('covers the same words used in the library’s sense: "%s"', (question, slug) => {
    const result = retriever.search(question);
    expect(result.covered, JSON.stringify(result.coverage)).toBe(true);
    expect(result.concepts[0]!.slug).toBe(slug);
  });

  it.each([
    [
      'jargon with an everyday word the library never uses',
      'can embeddings detect near-duplicate tickets?',
      'embeddings',
    ],
    ['a question that names AI, in everyday words', 'can AI read handwriting on a whiteboard?', 'multimodal'],
    [
      'a word in a sentence of the article with another of its words',
      'is a low temperature good for writing invoices?',
      'temperature',
    ],
    ['a hyphenated term the article writes', 'what is chain-of-thought?', 'prompt-engineering'],
    ['a quoted phrase the article writes', "what are 'open-weight' models?", 'large-language-model'],
  ])('covers %s: "%s"', (_kind, question, slug) => {
    const result = retriever.search(question);
    expect(result.covered, JSON.stringify(result.coverage)).toBe(true);
    expect(result.concepts[0]!.slug).toBe(slug);
  });

  it('matches a phrase made only of stop words as a whole ("make things up")', () => {
    const result = retriever.search('why do AI models make things up?');
    expect(result.covered).toBe(true);
    expect(result.concepts[0]!.slug).toBe('hallucination');
  });

  it('does not treat one word of a phrase with stop words as the phrase ("cut off" is not "cutting")', () => {
    expect(retriever.search('my sandwich got cut off').covered).toBe(false);
    expect(retriever.search('the answer gets cut off halfway').concepts[0]!.slug).toBe('context-window');
  });
});
