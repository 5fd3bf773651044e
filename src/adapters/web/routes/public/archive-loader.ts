import type { Concept, UseCase } from '../../../../core/content/types.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** "2026-W48" → "Week 48, 2026". */
export function weekLabel(weekKey: string): string {
  const match = WEEK_KEY.exec(weekKey);
  return match ? `Week ${Number(match[2])}, ${match[1]}` : weekKey;
}

/** One issue that went out, with its content as the live library has it now (undefined once removed). */
export interface ArchivedIssue {
  weekKey: string;
  conceptSlug: string;
  concept: Concept | undefined;
  useCase: UseCase | undefined;
}

type ArchiveDeps = Pick<WebDeps, 'library'> & { newsletter: WebNewsletter };

/** Every issue that went out, newest first, built from the live library (so a corrected article reads corrected). */
export async function loadArchive(deps: ArchiveDeps): Promise<ArchivedIssue[]> {
  const library = deps.library.current();
  return (await deps.newsletter.digests.history()).reverse().map((issue) => ({
    weekKey: issue.weekKey,
    conceptSlug: issue.conceptSlug,
    concept: library.conceptBySlug.get(issue.conceptSlug),
    useCase: library.useCaseBySlug.get(issue.useCaseSlug),
  }));
}

/** The issue of one week, or null when none went out (or the key is not a week key). */
export async function loadArchivedIssue(deps: ArchiveDeps, weekKey: string): Promise<ArchivedIssue | null> {
  if (!WEEK_KEY.test(weekKey)) return null;
  return (await loadArchive(deps)).find((i) => i.weekKey === weekKey) ?? null;
}
