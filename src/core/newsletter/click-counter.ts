import type { Library } from '../content/types.js';
import { errorFields } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import { articleLinks } from './article-links.js';
import { type NotAClick, notAClick } from './click-bots.js';
import { aggregateClicks, type ClickStats } from './click-stats.js';
import type { ClickStore } from './click-store.js';
import type { ClickClaim, ClickTokens } from './click-token.js';
import { newsletterLinks } from './settings.js';

/** Clicks are deduplicated per (issue, link, network address) within fixed windows of this length. */
export const CLICK_DEDUPE_WINDOW_MS = 30 * 60_000;

/** Counting writes waiting for the database beyond this are dropped (and logged): a flood never queues up memory. */
export const MAX_PENDING_CLICK_WRITES = 64;

/** A fetch of `/r/<id>`, as the web adapter saw it. */
export interface ClickVisit {
  token: string;
  method: string;
  userAgent: string | undefined;
  /** The `Sec-Purpose`, `Purpose`, `X-Purpose` or `X-Moz` header, if any (browser prefetch). */
  purpose: string | undefined;
  /** The client's network address: with the user agent, part of the dedupe key's hash; never stored or logged. */
  clientAddress: string;
}

/** Where `/r/<id>` sends the visitor, and whether the visit will be counted. */
export type ClickOutcome =
  | { ok: true; location: string; counting: 'counting' | NotAClick | 'sample' | 'busy' }
  | { ok: false; reason: 'malformed' | 'forged' };

/** Dependencies of {@link createClickCounter}. */
export interface ClickCounterDeps {
  store: ClickStore;
  tokens: ClickTokens;
  library: () => Library;
  baseUrl: string;
  clock: Clock;
  logger: Logger;
}

/** The click redirect of the digest, and its counts. */
export type ClickCounter = ReturnType<typeof createClickCounter>;

/**
 * Link clicks per issue and concept, without tracking pixels (Apple Mail
 * prefetches images, so opens are noise). `follow` answers at once from the
 * signed id and the library in memory: the redirect never waits for, or
 * fails with, the database. Counting runs behind it (`idle` waits for it).
 */
export function createClickCounter(deps: ClickCounterDeps) {
  const { store, tokens, clock, logger } = deps;
  const links = newsletterLinks(deps.baseUrl);
  const pending = new Set<Promise<void>>();
  const linksOf = new WeakMap<Library, Map<string, Map<string, string>>>();
  let prunedWindow = -1;

  /** A link the article has now, by hash; recomputed once per article and library version. */
  const articleLink = (kind: 'concept' | 'use-case', slug: string, hash: string): string | undefined => {
    const library = deps.library();
    let cache = linksOf.get(library);
    if (!cache) {
      cache = new Map();
      linksOf.set(library, cache);
    }
    const key = `${kind}:${slug}`;
    let found = cache.get(key);
    if (!found) {
      const article = kind === 'concept' ? library.conceptBySlug.get(slug) : library.useCaseBySlug.get(slug);
      found = article ? articleLinks(article) : new Map();
      cache.set(key, found);
    }
    return found.get(hash);
  };

  /** The target, rebuilt from the claim: our own pages, or a link the article still has, else its page. */
  const resolve = (claim: ClickClaim): { link: string; location: string } => {
    const { target } = claim;
    switch (target.kind) {
      case 'archive':
        return { link: 'archive', location: links.archive(claim.weekKey) };
      case 'concept':
        return { link: 'concept', location: links.concept(claim.conceptSlug) };
      case 'use-case':
        return { link: 'use-case', location: links.useCase(target.useCaseSlug) };
      case 'concept-link':
        return {
          link: `concept-link:${target.linkHash}`,
          location:
            articleLink('concept', claim.conceptSlug, target.linkHash) ?? links.concept(claim.conceptSlug),
        };
      case 'use-case-link':
        return {
          link: `use-case-link:${target.linkHash}`,
          location:
            articleLink('use-case', target.useCaseSlug, target.linkHash) ?? links.useCase(target.useCaseSlug),
        };
    }
  };

  const count = async (claim: ClickClaim, link: string, url: string, clientAddress: string) => {
    const now = clock.now();
    const window = Math.floor(now.getTime() / CLICK_DEDUPE_WINDOW_MS);
    try {
      await store.record({
        weekKey: claim.weekKey,
        conceptSlug: claim.conceptSlug,
        link,
        url,
        dedupeKey: tokens.dedupeKey([String(window), clientAddress, claim.weekKey, claim.conceptSlug, link]),
        dedupeUntil: new Date((window + 1) * CLICK_DEDUPE_WINDOW_MS),
        now,
      });
      if (window !== prunedWindow) {
        prunedWindow = window;
        await store.pruneSeen(now);
      }
    } catch (error) {
      // The visitor is already on their way; a lost count is the whole damage.
      logger.warn('could not count a digest link click', {
        week: claim.weekKey,
        link,
        ...errorFields(error),
      });
    }
  };

  return {
    /** Checks the id and says where to send the visitor; starts counting the click when it looks like one. */
    follow(visit: ClickVisit): ClickOutcome {
      const claim = tokens.verify(visit.token);
      if (claim === 'malformed' || claim === 'forged') return { ok: false, reason: claim };
      const { link, location } = resolve(claim);
      const notClick = notAClick(visit);
      if (notClick) return { ok: true, location, counting: notClick };
      if (claim.sample) return { ok: true, location, counting: 'sample' };
      if (pending.size >= MAX_PENDING_CLICK_WRITES) {
        logger.warn('click counting is behind the database; this click is not counted', {
          week: claim.weekKey,
        });
        return { ok: true, location, counting: 'busy' };
      }
      const write = count(claim, link, location, `${visit.clientAddress}\0${visit.userAgent ?? ''}`).finally(
        () => pending.delete(write),
      );
      pending.add(write);
      return { ok: true, location, counting: 'counting' };
    },

    /** Resolves when every click counted so far is written (tests, graceful stop). */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
    },

    /** Clicks per issue (with each link) and per concept. */
    async stats(): Promise<ClickStats> {
      return aggregateClicks(await store.totals());
    },
  };
}
