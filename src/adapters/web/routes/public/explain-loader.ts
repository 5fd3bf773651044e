import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isUserFacing } from '../../../../core/errors.js';
import { chatUserId } from '../../security/chat-user-id.js';
import type { WebDeps } from '../../web-deps.js';

/** What the explain page shows before anything is written. */
export interface ExplainPrompt {
  slug: string;
  title: string;
  prompt: string;
}

/** The concept's explain-it-back prompt, or a 404 that suggests the closest slugs. */
export function loadExplainPrompt(deps: Pick<WebDeps, 'explainBack'>, slug: string): ExplainPrompt {
  try {
    return deps.explainBack.promptFor(slug);
  } catch (error) {
    if (isUserFacing(error)) throw new HTTPException(404, { message: error.message });
    throw error;
  }
}

/**
 * Who the explanation counts against: the client address, as for /ask, so
 * the same rate limit applies and a fresh cookie does not reset it.
 */
export function explainUserId(c: Context, deps: Pick<WebDeps, 'settings'>): string {
  return chatUserId(c, deps.settings);
}
