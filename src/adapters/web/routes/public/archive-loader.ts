import type { Concept, Library, UseCase } from '../../../../core/content/types.js';
import type { WebNewsletter } from '../../web-deps.js';

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
  useCaseSlug: string;
  /** When the issue was due to go out: the date its feed entry carries. */
  publishedAt: Date;
  concept: Concept | undefined;
  useCase: UseCase | undefined;
}

type ArchiveNewsletter = { digest: Pick<WebNewsletter['digest'], 'archive'> };

/**
 * Every issue that went out, newest first (the digest service's archive),
 * read against `library`: the version the page is cached for, so a corrected
 * article reads corrected.
 */
export async function loadArchive(newsletter: ArchiveNewsletter, library: Library): Promise<ArchivedIssue[]> {
  return (await newsletter.digest.archive()).map((issue) => ({
    weekKey: issue.weekKey,
    conceptSlug: issue.conceptSlug,
    useCaseSlug: issue.useCaseSlug,
    publishedAt: issue.publishedAt,
    concept: library.conceptBySlug.get(issue.conceptSlug),
    useCase: library.useCaseBySlug.get(issue.useCaseSlug),
  }));
}

/** The issue of one week, or null when none went out (or the key is not a week key). */
export async function loadArchivedIssue(
  newsletter: ArchiveNewsletter,
  library: Library,
  weekKey: string,
): Promise<ArchivedIssue | null> {
  if (!WEEK_KEY.test(weekKey)) return null;
  return (await loadArchive(newsletter, library)).find((i) => i.weekKey === weekKey) ?? null;
}

/**
 * What an archive page is made of besides the library: which concept and use
 * case each issue had. Two requests with the same library and the same key
 * get the same page.
 */
export function archiveKey(issues: readonly ArchivedIssue[]): string {
  return issues.map((i) => `${i.weekKey}:${i.conceptSlug}:${i.useCaseSlug}`).join(',');
}
