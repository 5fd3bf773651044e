import type { Library } from '../content/types.js';
import { UserFacingError } from '../errors.js';
import { createLinkTracker } from './click-links.js';
import type { ClickTokens } from './click-token.js';
import { composeDigest, type DigestTemplate } from './compose-digest.js';
import { type IssueContent, pickIssueContent } from './pick-issue.js';
import type { DigestStore } from './ports.js';
import type { NewsletterSettings } from './settings.js';
import type { DigestIssue } from './types.js';

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
  const templates = new Map<string, DigestTemplate>();
  // Copies with their own concept (welcome track): one template per concept, not per subscriber (decision 009).
  const copies = new Map<string, DigestTemplate>();
  let copiesVersion = 0;

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
      const counted = countClicks && deps.clicks !== undefined;
      const version = `${issue.id}@${deps.library().loadedAt.getTime()}`;
      const key = `${version}:${counted ? 'counted' : 'plain'}`;
      let template = templates.get(key);
      if (!template) {
        // Only this issue's (at most two) renders of the current library are kept.
        for (const old of templates.keys()) if (!old.startsWith(`${version}:`)) templates.delete(old);
        const track =
          counted && deps.clicks
            ? createLinkTracker({ tokens: deps.clicks, baseUrl: deps.settings.baseUrl, issue, sample: false })
            : undefined;
        template = composeDigest(contentOf(issue), deps.settings, issue.weekKey, { track });
        templates.set(key, template);
      }
      return template;
    },

    /**
     * The template of one copy whose concept is not the issue's (decision 013),
     * cached per issue, concept, click variant and library version. Its use case is the
     * issue's when linked to that concept, else the concept's first linked one.
     */
    templateForConcept(issue: DigestIssue, conceptSlug: string, countClicks = true): DigestTemplate {
      const library = deps.library();
      if (library.loadedAt.getTime() !== copiesVersion) {
        copies.clear();
        copiesVersion = library.loadedAt.getTime();
      }
      const counted = countClicks && deps.clicks !== undefined;
      const key = `${issue.id}:${conceptSlug}:${counted ? 'counted' : 'plain'}`;
      let template = copies.get(key);
      if (!template) {
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
        template = composeDigest({ concept, useCase }, deps.settings, issue.weekKey, {
          archive: false,
          track,
        });
        copies.set(key, template);
      }
      return template;
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
