import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import { createLibraryStore } from '../../../src/core/content/library-store.js';
import { createRetriever } from '../../../src/core/retrieval/create-retriever.js';
import { createMemoryVectorCache, type Embedder } from '../../../src/core/retrieval/embedding-ports.js';
import { createHybridRetriever } from '../../../src/core/retrieval/hybrid-retriever.js';
import { passageEmbeddingText } from '../../../src/core/retrieval/passage-vectors.js';
import { libraryPassages } from '../../../src/core/retrieval/passages.js';
import { reciprocalRankFusion } from '../../../src/core/retrieval/reciprocal-rank-fusion.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { englishFrequencies } from '../../fixtures/english-frequencies.js';
import { fixtureFiles } from '../../fixtures/load-fixture-files.js';

describe('reciprocal rank fusion', () => {
  it('adds 1/(k + rank) per list, so agreement beats one list’s favourite', () => {
    const fused = reciprocalRankFusion(
      [
        ['a', 'b', 'c'],
        ['b', 'c', 'a'],
      ],
      60,
    );
    expect(fused.map((f) => f.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61);
    expect(reciprocalRankFusion([['x'], []])).toEqual([{ id: 'x', score: 1 / 61 }]);
  });
});

/**
 * A hand-written embedder: one axis per passage, so a question can be made
 * to "mean" exactly one passage, whatever its words.
 */
function axisEmbedder(axes: Map<string, number>, meaning: Record<string, string>): Embedder {
  const size = axes.size + 1;
  const axis = (n: number | undefined) => {
    const v = new Float32Array(size);
    v[n ?? 0] = 1;
    return v;
  };
  return {
    name: 'axis',
    embed: async (texts) => texts.map((t) => axis(meaning[t] ? axes.get(meaning[t]) : axes.get(t))),
  };
}

describe('the hybrid retriever (core, with a hand-written embedder)', () => {
  it('lets the vectors bring in a passage BM25 ranks low, within the covered concepts', async () => {
    const built = buildLibrary(await fixtureFiles());
    if (!built.ok) throw new Error('invalid fixture library');
    const store = createLibraryStore(built.library);
    const passages = libraryPassages(built.library);
    const axes = new Map<string, number>();
    passages.forEach((p, i) => {
      axes.set(passageEmbeddingText(p), i + 1);
      axes.set(p.id, i + 1);
    });
    const question = 'How many tokens is a word?';
    const embedder = axisEmbedder(axes, { [question]: 'token#pitfalls' });
    const hybrid = createHybridRetriever({
      lexical: createRetriever(built.library, { frequencies: englishFrequencies() }),
      library: store,
      embedder,
      cache: createMemoryVectorCache(),
      logger: createRecordingLogger(),
    });
    await hybrid.ready();
    const lexical = createRetriever(built.library, { frequencies: englishFrequencies() }).search(question);
    const fused = await hybrid.search(question);
    expect(fused.covered).toBe(lexical.covered);
    expect(fused.coverage).toEqual(lexical.coverage);
    expect(lexical.passages.map((p) => p.id)).not.toContain('token#pitfalls');
    expect(fused.passages.map((p) => p.id)).toContain('token#pitfalls');
    expect(fused.passages.length).toBeLessThanOrEqual(6);
    // BM25's best passage stays in: vectors add evidence, they do not replace it.
    expect(fused.passages.some((p) => p.id === lexical.passages[0]!.id)).toBe(true);
    expect(fused.passages.every((p) => p.slug === 'token')).toBe(true);
    // Concept ranking stays BM25's unless fuseConcepts is on (measured: see bench/hybrid-retrieval.ts).
    expect(fused.concepts).toEqual(lexical.concepts);
    hybrid.close();
  });
});
