import type { Library } from '../content/types.js';
import { practiceItems } from './practice-items.js';
import type { LearningStats } from './types.js';

/** Groups smaller than this are hidden, so no figure describes one or two identifiable people. */
export const MIN_GROUP = 5;

/** One article's row; figures are null when fewer than {@link MIN_GROUP} learners practised it. */
export interface ConceptLearning {
  slug: string;
  title: string;
  learners: number | null;
  /** Share of answers that were right, 0–1. */
  recallRate: number | null;
  due: number | null;
  /** Questions asked about it (question log sources), for comparison. */
  asked: number;
}

/** An item most learners get wrong: maybe hard, maybe a bad question. */
export interface HardItem {
  itemId: string;
  slug: string;
  question: string;
  learners: number;
  wrongRate: number;
  /** Answers per option, in the item's order, with the right one marked. */
  choices: Array<{ text: string; answers: number; correct: boolean }>;
}

/** The admin's learning report: aggregates only, small groups hidden. */
export interface LearningReport {
  concepts: ConceptLearning[];
  hardItems: HardItem[];
  /** Articles hidden because fewer than {@link MIN_GROUP} learners practised them. */
  hiddenConcepts: number;
}

/**
 * Builds the report from raw counts. Figures for a group of fewer than five
 * learners are withheld (null), and so is any item answered by fewer than five.
 */
export function learningReport(
  library: Library,
  stats: LearningStats,
  asked: ReadonlyMap<string, number> = new Map(),
  limit = 10,
): LearningReport {
  const bySlug = new Map(stats.slugs.map((s) => [s.slug, s]));
  const answers = new Map<string, { answered: number; correct: number }>();
  for (const item of stats.items) {
    const slug = item.itemId.split('~')[0]!;
    const entry = answers.get(slug) ?? { answered: 0, correct: 0 };
    for (const c of item.choices) {
      entry.answered += c.answers;
      if (c.correct) entry.correct += c.answers;
    }
    answers.set(slug, entry);
  }
  let hiddenConcepts = 0;
  const concepts = library.concepts.map((concept) => {
    const s = bySlug.get(concept.slug);
    const a = answers.get(concept.slug);
    const big = (s?.learners ?? 0) >= MIN_GROUP;
    if (s && !big) hiddenConcepts += 1;
    return {
      slug: concept.slug,
      title: concept.title,
      learners: big ? s!.learners : null,
      recallRate: big && a && a.answered > 0 ? a.correct / a.answered : null,
      due: big ? s!.due : null,
      asked: asked.get(concept.slug) ?? 0,
    };
  });
  const itemById = new Map(practiceItems(library).map((item) => [item.id, item]));
  const hardItems = stats.items
    .filter((s) => s.learners >= MIN_GROUP && itemById.has(s.itemId))
    .map((s) => {
      const item = itemById.get(s.itemId)!;
      const total = s.choices.reduce((n, c) => n + c.answers, 0);
      const wrong = s.choices.filter((c) => !c.correct).reduce((n, c) => n + c.answers, 0);
      return {
        itemId: s.itemId,
        slug: item.slug,
        question: item.question,
        learners: s.learners,
        wrongRate: total > 0 ? wrong / total : 0,
        choices: item.choices.map((text, i) => ({
          text,
          answers: s.choices.filter((c) => c.choice === i).reduce((n, c) => n + c.answers, 0),
          correct: i === item.correct,
        })),
      };
    })
    .sort((a, b) => b.wrongRate - a.wrongRate)
    .slice(0, limit);
  return { concepts, hardItems, hiddenConcepts };
}
