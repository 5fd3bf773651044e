import type { Clock, OpenPlaceholder, OpenPlaceholders } from '../ports.js';

/** In-memory {@link OpenPlaceholders}: without a database a restart forgets them, as it forgets everything else. */
export function createMemoryOpenPlaceholders(
  clock: Clock = { now: () => new Date() },
): OpenPlaceholders & { readonly open: ReadonlyArray<OpenPlaceholder & { createdAt: Date }> } {
  const open: Array<OpenPlaceholder & { createdAt: Date }> = [];
  const same = (a: OpenPlaceholder, b: OpenPlaceholder) =>
    a.platform === b.platform && a.channel === b.channel && a.messageId === b.messageId;
  return {
    open,
    async add(placeholder) {
      if (!open.some((p) => same(p, placeholder)))
        open.push({ kind: 'message', ...placeholder, createdAt: clock.now() });
    },
    async remove(placeholder) {
      const at = open.findIndex((p) => same(p, placeholder));
      if (at >= 0) open.splice(at, 1);
    },
    async takeStale(platform, olderThan) {
      const stale = open.filter((p) => p.platform === platform && p.createdAt < olderThan);
      for (const p of stale) open.splice(open.indexOf(p), 1);
      return stale.map(({ createdAt: _createdAt, ...placeholder }) => placeholder);
    },
  };
}
