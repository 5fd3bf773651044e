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
