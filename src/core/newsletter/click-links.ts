import { isCountableUrl, linkHash } from './article-links.js';
import type { ClickTokens } from './click-token.js';
import type { DigestIssue } from './types.js';

/** Which of the issue's own pages a link opens. */
export type IssuePage = 'archive' | 'concept' | 'use-case';

/** Which article a link inside the email's text belongs to. */
export type IssueArticle = 'concept' | 'use-case';

/** Turns the links of one issue's email into counted `/r/<id>` links (see composeDigest). */
export interface DigestLinkTracker {
  /** One of the issue's own pages (`url` is what the email would link without counting). */
  page(page: IssuePage, url: string): string;
  /** A link inside the concept or use-case text; a URL that cannot be counted is returned as it is. */
  articleLink(article: IssueArticle, url: string): string;
}

/** The path of the click redirect for an id. */
export const clickPath = (token: string) => `/r/${token}`;

/**
 * The tracker of one issue. Every recipient gets the same links (they name
 * the issue and the link, never the person), so the issue is still rendered
 * once. `sample` marks previews and test copies: they redirect and are never counted.
 */
export function createLinkTracker(input: {
  tokens: ClickTokens;
  baseUrl: string;
  issue: Pick<DigestIssue, 'weekKey' | 'conceptSlug' | 'useCaseSlug'>;
  sample: boolean;
}): DigestLinkTracker {
  const { tokens, baseUrl, issue, sample } = input;
  const link = (target: Parameters<ClickTokens['sign']>[0]['target']) =>
    `${baseUrl}${clickPath(tokens.sign({ weekKey: issue.weekKey, conceptSlug: issue.conceptSlug, target, sample }))}`;
  return {
    page(page) {
      if (page === 'use-case') return link({ kind: 'use-case', useCaseSlug: issue.useCaseSlug });
      return link({ kind: page });
    },
    articleLink(article, url) {
      if (!isCountableUrl(url)) return url;
      return article === 'concept'
        ? link({ kind: 'concept-link', linkHash: linkHash(url) })
        : link({ kind: 'use-case-link', useCaseSlug: issue.useCaseSlug, linkHash: linkHash(url) });
    },
  };
}
