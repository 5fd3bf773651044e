import type { Library } from '../content/types.js';
import { UserFacingError } from '../errors.js';
import { createLinkTracker } from './click-links.js';
import type { ClickTokens } from './click-token.js';
import { composeDigest, type DigestTemplate } from './compose-digest.js';
import { type IssueContent, pickIssueContent } from './pick-issue.js';
import type { DigestStore } from './ports.js';
import type { NewsletterSettings } from './settings.js';
import type { DigestIssue } from './types.js';

/** Renders kept at once (each a few tens of KB of HTML and text). */
const MAX_TEMPLATES = 256;

/**
 * What an issue teaches, from the live library: the pick for a new week, the
 * content of an existing issue, and its rendered template, cached per issue
 * and library version so 10,000 recipients cost one render. With `clicks`
 * there are two renders: counted links, and plain links for subscribers who
 * turned click counting off.
 */
export function createIssueContent(deps: {
  library: () => Library;
  digests: DigestStore;
  settings: NewsletterSettings;
  /** Signs the click redirect's ids; without it no link is counted. */
  clicks?: ClickTokens | undefined;
}) {
  // One cache for every render: the issue's, and copies with their own concept (welcome track,
  // one per concept rather than per subscriber, decision 009). The key starts with the library
  // version, so an edit is rendered afresh. Past the bound the least recently used render goes
  // (and is simply redone if asked for again); the bound leaves room for two issues in flight at
  // once (local-time delivery), each with both link variants of 60-odd welcome-track concepts.
  const templates = new Map<string, DigestTemplate>();
  const render = (key: string, compose: () => DigestTemplate): DigestTemplate => {
    const cached = templates.get(key);
    if (cached) {
      templates.delete(key);
      templates.set(key, cached);
      return cached;
    }
    const template = compose();
    templates.set(key, template);
    if (templates.size > MAX_TEMPLATES) templates.delete(templates.keys().next().value!);
    return template;
  };
  const variant = (countClicks: boolean) => (countClicks && deps.clicks !== undefined ? 'counted' : 'plain');

  const contentOf = (issue: Pick<DigestIssue, 'conceptSlug' | 'useCaseSlug' | 'weekKey'>): IssueContent => {
    const library = deps.library();
    const concept = library.conceptBySlug.get(issue.conceptSlug);
    const useCase = library.useCaseBySlug.get(issue.useCaseSlug);
    if (!concept || !useCase) {
      throw new UserFacingError(
        'DIGEST_CONTENT_MISSING',
        `Issue ${issue.weekKey} teaches "${issue.conceptSlug}" with "${issue.useCaseSlug}", but the library no longer has ${concept ? 'that use case' : 'that concept'}. Restore the file to finish sending it.`,
      );
    }
    return { concept, useCase };
  };

  return {
    contentOf,

    /** The issue's template; `countClicks: false` gives the one with plain links. */
    templateFor(issue: DigestIssue, countClicks = true): DigestTemplate {
      const counted = variant(countClicks) === 'counted';
      const key = `${deps.library().loadedAt.getTime()}:${issue.id}::${variant(countClicks)}`;
      return render(key, () => {
        const track =
          counted && deps.clicks
            ? createLinkTracker({ tokens: deps.clicks, baseUrl: deps.settings.baseUrl, issue, sample: false })
            : undefined;
        return composeDigest(contentOf(issue), deps.settings, issue.weekKey, { track });
      });
    },

    /**
     * The template of one copy whose concept is not the issue's (decision 013),
     * cached per issue, concept, click variant and library version. Its use case is the
     * issue's when linked to that concept, else the concept's first linked one.
     */
    templateForConcept(issue: DigestIssue, conceptSlug: string, countClicks = true): DigestTemplate {
      const library = deps.library();
      const counted = variant(countClicks) === 'counted';
      const key = `${library.loadedAt.getTime()}:${issue.id}:${conceptSlug}:${variant(countClicks)}`;
      return render(key, () => {
        const concept = library.conceptBySlug.get(conceptSlug);
        if (!concept)
          throw new UserFacingError(
            'DIGEST_CONTENT_MISSING',
            `A copy of issue ${issue.weekKey} teaches "${conceptSlug}" (welcome track), but the library no longer has that concept. Restore the file to finish sending it.`,
          );
        const { useCase: issueUseCase } = contentOf(issue);
        const useCase = issueUseCase.concepts.includes(concept.slug)
          ? issueUseCase
          : (library.useCases.find((u) => u.concepts.includes(concept.slug)) ?? issueUseCase);
        // Clicks on this copy count under its own concept, with its own use case as the target.
        const track =
          counted && deps.clicks
            ? createLinkTracker({
                tokens: deps.clicks,
                baseUrl: deps.settings.baseUrl,
                issue: { weekKey: issue.weekKey, conceptSlug: concept.slug, useCaseSlug: useCase.slug },
                sample: false,
              })
            : undefined;
        return composeDigest({ concept, useCase }, deps.settings, issue.weekKey, {
          archive: false,
          track,
        });
      });
    },

    /** The content a new issue for `weekKey` would get now (pins first, then the next unsent concept). */
    async pick(weekKey: string): Promise<IssueContent> {
      return pickIssueContent(
        deps.library(),
        await deps.digests.history(),
        await deps.digests.getPin(weekKey),
      );
    },
  };
}
