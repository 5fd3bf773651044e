import type { Clock } from '../../../core/ports.js';

/** A small map whose entries expire; this process's memory only. */
export interface TtlMap<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): boolean;
  readonly size: number;
}

/**
 * Creates a {@link TtlMap}: an entry is gone `ttlMs` after it was set, on the
 * injected clock (tests move it by hand). At most `maxEntries` are kept; the
 * oldest goes first, so a flood of keys cannot grow memory without bound.
 */
export function createTtlMap<V>(options: { ttlMs: number; clock: Clock; maxEntries: number }): TtlMap<V> {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  const now = () => options.clock.now().getTime();
  return {
    get size() {
      return entries.size;
    },
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + options.ttlMs });
      // A Map iterates in insertion order: the first key is the oldest.
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    },
    delete: (key) => entries.delete(key),
  };
}
