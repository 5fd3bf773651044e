import type { LinkClickCount } from './click-store.js';

/** Clicks per issue and per concept, for the admin digest page. */
export interface ClickStats {
  /** Newest issue first; `concepts` are those its clicked copies taught (the issue's, or a copy's own). */
  issues: Array<{ weekKey: string; concepts: string[]; clicks: number; links: LinkClickCount[] }>;
  /** Most clicked first. */
  concepts: Array<{ conceptSlug: string; clicks: number; issues: number }>;
}

/** Sums the counters per issue (newest first, links by clicks) and per concept (most clicked first). */
export function aggregateClicks(rows: readonly LinkClickCount[]): ClickStats {
  const issues = new Map<string, ClickStats['issues'][number]>();
  const concepts = new Map<string, { conceptSlug: string; clicks: number; weeks: Set<string> }>();
  for (const row of rows) {
    let issue = issues.get(row.weekKey);
    if (!issue) {
      issue = { weekKey: row.weekKey, concepts: [], clicks: 0, links: [] };
      issues.set(row.weekKey, issue);
    }
    if (!issue.concepts.includes(row.conceptSlug)) issue.concepts.push(row.conceptSlug);
    issue.clicks += row.clicks;
    issue.links.push(row);
    let concept = concepts.get(row.conceptSlug);
    if (!concept) {
      concept = { conceptSlug: row.conceptSlug, clicks: 0, weeks: new Set() };
      concepts.set(row.conceptSlug, concept);
    }
    concept.clicks += row.clicks;
    concept.weeks.add(row.weekKey);
  }
  for (const issue of issues.values())
    issue.links.sort((a, b) => b.clicks - a.clicks || a.link.localeCompare(b.link));
  return {
    issues: [...issues.values()].sort((a, b) => b.weekKey.localeCompare(a.weekKey)),
    concepts: [...concepts.values()]
      .map((c) => ({ conceptSlug: c.conceptSlug, clicks: c.clicks, issues: c.weeks.size }))
      .sort((a, b) => b.clicks - a.clicks || a.conceptSlug.localeCompare(b.conceptSlug)),
  };
}
