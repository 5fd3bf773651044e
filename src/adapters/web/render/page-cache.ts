import { createHash } from 'node:crypto';

/** One rendered page: the exact bytes sent, and their strong validator. */
export interface CachedPage {
  body: Buffer;
  /** A strong ETag: a hash of `body`, so equal bytes always validate and changed bytes never do. */
  etag: string;
}

/** What the cache has done since it was made (tests count renders; the bench reports them). */
export interface PageCacheStats {
  renders: number;
  hits: number;
  entries: number;
  bytes: number;
}

/**
 * Rendered pages, kept per library: the Markdown of an article is rendered
 * once per library version, not once per request. A page belongs to the
 * library object it was rendered from; the first request that sees another
 * library (a reload swapped it in) empties the cache, so no page of an old
 * library is ever served after a reload.
 */
export interface PageCache {
  /**
   * The page `key` as `library` renders it: from the cache, or rendered by
   * `render` (once, even when many requests ask at the same time). `render`
   * returns null when there is no such page; that is not kept, so unknown
   * addresses cannot push real pages out.
   */
  page(
    library: object,
    key: string,
    render: () => string | null | Promise<string | null>,
  ): Promise<CachedPage | null>;
  stats(): PageCacheStats;
}

/** The default budget: about 3,000 article pages. */
export const PAGE_CACHE_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Creates a cache holding at most `maxBytes` of page bodies; past that the
 * least recently served pages go first, so a crawler walking 10,000 articles
 * cannot grow memory without bound.
 */
export function createPageCache(options: { maxBytes: number }): PageCache {
  let owner: object | null = null;
  // Map order is recency order: a hit moves its page to the end, eviction takes from the front.
  let pages = new Map<string, CachedPage>();
  let pending = new Map<string, Promise<CachedPage | null>>();
  let bytes = 0;
  let renders = 0;
  let hits = 0;

  const adopt = (library: object) => {
    if (owner === library) return;
    owner = library;
    pages = new Map();
    pending = new Map();
    bytes = 0;
  };

  const store = (key: string, page: CachedPage) => {
    if (page.body.length > options.maxBytes) return;
    pages.set(key, page);
    bytes += page.body.length;
    for (const [oldest, evicted] of pages) {
      if (bytes <= options.maxBytes) break;
      pages.delete(oldest);
      bytes -= evicted.body.length;
    }
  };

  return {
    page(library, key, render) {
      adopt(library);
      const cached = pages.get(key);
      if (cached) {
        hits += 1;
        pages.delete(key);
        pages.set(key, cached);
        return Promise.resolve(cached);
      }
      const inFlight = pending.get(key);
      if (inFlight) return inFlight;
      const generation = pending;
      const rendering = (async () => {
        renders += 1;
        const html = await render();
        if (html === null) return null;
        const body = Buffer.from(html);
        const page = { body, etag: strongEtag(body) };
        // A reload during an async render: the page is still right for this request, but it is not kept.
        if (owner === library) store(key, page);
        return page;
      })().finally(() => generation.delete(key));
      generation.set(key, rendering);
      return rendering;
    },
    stats: () => ({ renders, hits, entries: pages.size, bytes }),
  };
}

/** `"<sha256 of the body, base64url, 128 bits>"`. */
function strongEtag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}
