import { createHash } from 'node:crypto';
import type { Library } from '../content/types.js';
import type { Embedder, VectorCache } from './embedding-ports.js';
import { libraryPassages, type Passage } from './passages.js';

/** The passages of one library version with their unit-length vectors, row i belonging to passage i. */
export interface PassageVectors {
  library: Library;
  passages: Passage[];
  vectors: Float32Array[];
  /** How the build went: vectors found in the cache, and passages sent to the embedder. */
  stats: { cached: number; embedded: number };
}

/** Passages per embeddings request: small enough for local servers' batch limits. */
const BATCH = 32;

/** What gets embedded for a passage: where it sits (concept and section) and what it says. */
export function passageEmbeddingText(passage: Passage): string {
  return `${passage.title}: ${passage.section}\n${passage.text}`;
}

/** The cache key: the embedder's name and the exact text, so an edited passage or a new model misses. */
export function vectorKey(embedder: Embedder, text: string): string {
  return createHash('sha256').update(`${embedder.name}\0${text}`).digest('hex');
}

/** Scales a vector to unit length, so cosine similarity is a dot product. */
export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm === 0) return vector;
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}

/**
 * Embeds a library's passages, taking every vector it can from the cache:
 * after a restart an unchanged library costs no embedding call, and after an
 * edit only the passages whose text changed are sent.
 */
export async function buildPassageVectors(
  library: Library,
  embedder: Embedder,
  cache: VectorCache,
  signal?: AbortSignal,
): Promise<PassageVectors> {
  const passages = libraryPassages(library);
  const keys = passages.map((p) => vectorKey(embedder, passageEmbeddingText(p)));
  const cached = await cache.get(keys);
  const missing = keys.flatMap((key, i) => (cached.has(key) ? [] : [i]));
  // Identical texts (rare, but FAQ answers repeat) are embedded once.
  const todo = [...new Map(missing.map((i) => [keys[i]!, i])).entries()];
  for (let start = 0; start < todo.length; start += BATCH) {
    signal?.throwIfAborted();
    const batch = todo.slice(start, start + BATCH);
    const vectors = await embedder.embed(
      batch.map(([, i]) => passageEmbeddingText(passages[i]!)),
      signal ? { signal } : {},
    );
    if (vectors.length !== batch.length)
      throw new Error(`the embedder returned ${vectors.length} vectors for ${batch.length} texts`);
    const fresh = new Map(batch.map(([key], j) => [key, normalize(vectors[j]!)]));
    await cache.put(fresh);
    for (const [key, vector] of fresh) cached.set(key, vector);
  }
  await cache.retain?.(new Set(keys));
  return {
    library,
    passages,
    vectors: keys.map((key) => cached.get(key)!),
    stats: { cached: passages.length - missing.length, embedded: todo.length },
  };
}
