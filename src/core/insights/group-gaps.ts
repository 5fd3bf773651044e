import { processTerm, tokenize } from '../retrieval/terms.js';

/** Words too generic to name a topic on their own in an AI tutor's questions. */
const GENERIC = new Set(
  [
    'ai',
    'work',
    'works',
    'good',
    'best',
    'better',
    'example',
    'examples',
    'help',
    'question',
    'questions',
    'team',
    'teams',
  ].map((w) => processTerm(w) ?? w),
);

/** Questions that share a topic term, with the words that name it. */
export interface GapGroup<T> {
  /** The words the group is about, most shared first, as people typed them (e.g. ["agents", "memory"]). */
  topic: string[];
  /** Distinct questions (case and spacing ignored), most asked first. */
  questions: Array<{ text: string; count: number; items: T[] }>;
  /** Every question in the group, repeats included. */
  total: number;
}

interface Analysed<T> {
  item: T;
  text: string;
  terms: Set<string>;
}

/**
 * Groups "not covered" questions by shared stemmed topic terms, so an admin
 * sees what to write next: the term shared by the most questions forms the
 * first group, then the next among what is left, and so on. Greedy and
 * explainable ("12 questions mention agents") rather than clever; questions
 * that share no term with any other come back as `ungrouped`.
 */
export function groupGaps<T>(
  items: readonly T[],
  textOf: (item: T) => string,
): { groups: GapGroup<T>[]; ungrouped: GapGroup<T>['questions'] } {
  const surface = new Map<string, Map<string, number>>();
  const analysed: Analysed<T>[] = items.map((item) => {
    const text = textOf(item);
    const terms = new Set<string>();
    for (const token of tokenize(text)) {
      const term = processTerm(token);
      if (!term || GENERIC.has(term)) continue;
      terms.add(term);
      const words = surface.get(term) ?? new Map<string, number>();
      words.set(token, (words.get(token) ?? 0) + 1);
      surface.set(term, words);
    }
    return { item, text, terms };
  });
  const label = (term: string) =>
    [...(surface.get(term) ?? new Map([[term, 1]])).entries()].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0]![0];

  const groups: GapGroup<T>[] = [];
  let remaining = analysed;
  for (;;) {
    const frequency = documentFrequency(remaining);
    const best = [...frequency.entries()]
      .filter(([, n]) => n >= 2)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (!best) break;
    const members = remaining.filter((q) => q.terms.has(best[0]));
    remaining = remaining.filter((q) => !q.terms.has(best[0]));
    // Other terms most members share sharpen the label: "agents memory" says more than "agents".
    const shared = [...documentFrequency(members).entries()]
      .filter(([term, n]) => term !== best[0] && n >= Math.max(2, Math.ceil(members.length / 2)))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 2)
      .map(([term]) => term);
    groups.push({
      topic: [best[0], ...shared].map(label),
      questions: distinct(members),
      total: members.length,
    });
  }
  return { groups, ungrouped: distinct(remaining) };
}

function documentFrequency<T>(questions: readonly Analysed<T>[]): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const q of questions) for (const term of q.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  return frequency;
}

function distinct<T>(questions: readonly Analysed<T>[]): GapGroup<T>['questions'] {
  const byKey = new Map<string, { text: string; count: number; items: T[] }>();
  for (const q of questions) {
    const key = q.text
      .toLowerCase()
      .replace(/[\s?!.]+/g, ' ')
      .trim();
    const entry = byKey.get(key) ?? { text: q.text, count: 0, items: [] };
    entry.count += 1;
    entry.items.push(q.item);
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}
