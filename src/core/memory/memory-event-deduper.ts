import type { EventDeduper } from '../ports.js';

/** An in-memory {@link EventDeduper}; it forgets on restart, so production wires the database one. */
export function createMemoryEventDeduper(): EventDeduper & { readonly keys: ReadonlySet<string> } {
  const keys = new Set<string>();
  return {
    keys,
    async claim(key) {
      if (keys.has(key)) return false;
      keys.add(key);
      return true;
    },
  };
}
