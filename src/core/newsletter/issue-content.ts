import type { Library } from '../content/types.js';
import { UserFacingError } from '../errors.js';
import { composeDigest, type DigestTemplate } from './compose-digest.js';
import { type IssueContent, pickIssueContent } from './pick-issue.js';
import type { DigestStore } from './ports.js';
import type { NewsletterSettings } from './settings.js';
import type { DigestIssue } from './types.js';

/**
 * What an issue teaches, from the live library: the pick for a new week, the
 * content of an existing issue, and its rendered template, cached per issue
 * and library version so 10,000 recipients cost one render.
 */
export function createIssueContent(deps: {
  library: () => Library;
  digests: DigestStore;
  settings: NewsletterSettings;
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

    templateFor(issue: DigestIssue): DigestTemplate {
      const key = `${issue.id}@${deps.library().loadedAt.getTime()}`;
      let template = templates.get(key);
      if (!template) {
        templates.clear();
        template = composeDigest(contentOf(issue), deps.settings, issue.weekKey);
        templates.set(key, template);
      }
      return template;
    },

    /**
     * The template of one copy whose concept is not the issue's (decision 013),
     * cached per issue, concept and library version. Its use case is the
     * issue's when linked to that concept, else the concept's first linked one.
     */
    templateForConcept(issue: DigestIssue, conceptSlug: string): DigestTemplate {
      const library = deps.library();
      if (library.loadedAt.getTime() !== copiesVersion) {
        copies.clear();
        copiesVersion = library.loadedAt.getTime();
      }
      const key = `${issue.id}:${conceptSlug}`;
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
        template = composeDigest({ concept, useCase }, deps.settings, issue.weekKey, { archive: false });
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
