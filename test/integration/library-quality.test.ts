import { describe, expect, it } from 'vitest';
import { allQuestions, loadQuestionSet, measureQuality } from '../../bench/retrieval-quality.js';
import { loadLibrary } from '../../src/adapters/content/content-library.js';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
const STARTER_SLUGS = [
  'api',
  'large-language-model',
  'token',
  'prompt-engineering',
  'system-prompt',
  'context-window',
  'temperature',
  'hallucination',
  'embeddings',
  'vector-database',
  'rag',
  'fine-tuning',
  'function-calling',
  'ai-agent',
  'prompt-injection',
  'multimodal',
];

const built = await loadLibrary(CONTENT, { now: () => new Date() });
if (!built.ok)
  throw new Error(`content/ is invalid:\n${built.problems.map((p) => `${p.file}: ${p.message}`).join('\n')}`);
const library = built.library;

describe('the shipped library', () => {
  it('has exactly the starter concepts, by slug', () => {
    expect(library.concepts.map((c) => c.slug).sort()).toEqual([...STARTER_SLUGS].sort());
  });

  it.each(STARTER_SLUGS)('%s meets the article bar (aliases, 4+ FAQ, 2+ examples, pitfalls)', (slug) => {
    const concept = library.conceptBySlug.get(slug)!;
    expect(concept.aliases.length).toBeGreaterThan(0);
    expect(concept.faq.length).toBeGreaterThanOrEqual(4);
    expect(concept.examples.length).toBeGreaterThanOrEqual(2);
    expect(concept.pitfalls.length).toBeGreaterThanOrEqual(2);
    expect(concept.howItWorks.length).toBeGreaterThanOrEqual(3);
  });

  it('links every concept from at least one use case, so the digest never runs dry', () => {
    const linked = new Set(library.useCases.flatMap((u) => u.concepts));
    expect(STARTER_SLUGS.filter((slug) => !linked.has(slug))).toEqual([]);
    expect(library.useCases.length).toBeGreaterThanOrEqual(16);
  });

  it('carries the facts of the seed article in the api concept', () => {
    const api = library.conceptBySlug.get('api')!;
    const text = [
      api.whatItIs,
      ...api.howItWorks,
      ...api.goodFit,
      ...api.badFit,
      ...api.examples,
      ...api.pitfalls,
      ...api.faq.flatMap((f) => [f.question, f.answer]),
    ].join('\n');
    expect(api.howItWorks).toHaveLength(6);
    expect(api.goodFit).toHaveLength(4);
    expect(api.badFit).toHaveLength(4);
    expect(api.examples).toHaveLength(3);
    expect(api.pitfalls).toHaveLength(4);
    expect(api.faq.length).toBeGreaterThanOrEqual(4);
    for (const fact of [
      /waiter/i,
      /kitchen/i,
      /endpoint/i,
      /API key/,
      /JSON/,
      /environment variables/i,
      /rate limit/i,
      /per token/i,
      /Zapier/,
      /Make\.com/,
      /10 lines of Python/i,
      /hospital|patient portal/i,
      /Spotify/i,
      /website/i,
    ]) {
      expect(text).toMatch(fact);
    }
  });
});

describe('retrieval on the shipped library', () => {
  it('tolerates a typo in a word the library does not contain', async () => {
    const { createRetriever } = await import('../../src/core/retrieval/create-retriever.js');
    const result = createRetriever(library).search('why does it halucinate so much?');
    expect(result.covered).toBe(true);
    expect(result.concepts[0]!.slug).toBe('hallucination');
  });
});

describe('retrieval quality on bench/questions.json', () => {
  const set = loadQuestionSet();
  const all = allQuestions(set);
  const report = measureQuality(library, all);

  it('has at least 3 paraphrased questions per concept and 10 off-topic ones', () => {
    for (const slug of STARTER_SLUGS)
      expect(all.onTopic.filter((q) => q.slug === slug).length).toBeGreaterThanOrEqual(3);
    expect(all.offTopic.length).toBeGreaterThanOrEqual(10);
  });

  it('finds the right concept in the top 3 for at least 95% of on-topic questions', () => {
    expect(report.hitAt3, report.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('rejects every off-topic question as not covered', () => {
    expect(report.falseAccepts).toEqual([]);
  });
});
