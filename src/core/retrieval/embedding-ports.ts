/**
 * What hybrid retrieval needs from the outside: something that turns text
 * into vectors, and somewhere to keep the vectors of passages so an unchanged
 * library is not embedded again after a restart.
 */

/** Turns texts into embedding vectors (one per text, in order). */
export interface Embedder {
  /** Identifies the model: vectors of different models never mix (it is part of every cache key). */
  readonly name: string;
  embed(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}

/** Passage vectors by content hash. Implementations may keep them in memory, a file or a database. */
export interface VectorCache {
  /** The vectors it holds for these keys; missing keys are simply absent. */
  get(keys: readonly string[]): Promise<Map<string, Float32Array>>;
  put(entries: ReadonlyMap<string, Float32Array>): Promise<void>;
  /** Drops every vector whose key is not in `live` (called after a library is fully embedded). */
  retain?(live: ReadonlySet<string>): Promise<void>;
}

/** A {@link VectorCache} in memory: the default without DATA_DIR, and a test fake. */
export function createMemoryVectorCache(): VectorCache & { readonly size: number } {
  const vectors = new Map<string, Float32Array>();
  return {
    get size() {
      return vectors.size;
    },
    async get(keys) {
      const found = new Map<string, Float32Array>();
      for (const key of keys) {
        const vector = vectors.get(key);
        if (vector) found.set(key, vector);
      }
      return found;
    },
    async put(entries) {
      for (const [key, vector] of entries) vectors.set(key, vector);
    },
    async retain(live) {
      for (const key of vectors.keys()) if (!live.has(key)) vectors.delete(key);
    },
  };
}
