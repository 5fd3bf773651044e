import { createHash } from 'node:crypto';
import { Marked, type Token } from 'marked';
import { safeUrl } from '../content/safe-url.js';
import type { Concept, UseCase } from '../content/types.js';

const lexer = new Marked({ gfm: true });

/** The id of a link inside an article: the first 8 bytes of its URL's SHA-256, in hex. */
export function linkHash(url: string): string {
  return createHash('sha256').update(url).digest().subarray(0, 8).toString('hex');
}

/** True for the links a click may be counted on: absolute http(s) URLs (relative ones go nowhere in an email). */
export function isCountableUrl(url: string): boolean {
  return /^https?:\/\/[^/\\\s]/i.test(url);
}

function collect(tokens: Token[] | undefined, into: Map<string, string>): void {
  for (const token of tokens ?? []) {
    if (token.type === 'link') {
      const url = safeUrl(token.href);
      if (url !== null && isCountableUrl(url)) into.set(linkHash(url), url);
    }
    const nested = token as { tokens?: Token[]; items?: Token[] };
    collect(nested.tokens, into);
    collect(nested.items, into);
  }
}

/**
 * Every countable link an article has now (summary and body), by hash. The
 * click redirect looks a link up here at click time, so a link the article
 * no longer has (or never had) is never redirected to.
 */
export function articleLinks(article: Pick<Concept | UseCase, 'summary' | 'body'>): Map<string, string> {
  const links = new Map<string, string>();
  collect(lexer.lexer(`${article.summary}\n\n${article.body}`), links);
  return links;
}
