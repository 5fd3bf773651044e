import type { Context } from 'hono';
import { webLearner } from '../../../../core/practice/learner-id.js';
import type { Graded, NextItem } from '../../../../core/practice/practice-service.js';
import type { WebDeps } from '../../web-deps.js';

/** The learner a browser practises as: its visitor cookie, so nothing identifies the person. */
export function practiceLearner(c: Context): string {
  return webLearner(c.get('visitorId'));
}

/** The next item for this visitor, optionally focused on one article (`?concept=slug`). */
export function loadNextPractice(c: Context, deps: Pick<WebDeps, 'practice' | 'library'>): Promise<NextItem> {
  const focus = c.req.query('concept');
  const known = focus && deps.library.current().conceptBySlug.has(focus) ? focus : undefined;
  return deps.practice.next(practiceLearner(c), known ? { focus: known } : {});
}

/** Where an item's article lives on the site. */
export function sourceHref(item: Graded['item']): string {
  return item.kind === 'concept' ? `/concepts/${item.slug}` : `/use-cases/${item.slug}`;
}
