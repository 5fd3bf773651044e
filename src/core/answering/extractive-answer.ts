import type { SourceRef } from '../ports.js';
import type { PassageHit } from '../retrieval/create-retriever.js';
import type { ComparisonPair } from '../retrieval/detect-comparison.js';
import { comparisonAnswer } from './comparison-answer.js';

/** Why the answer is extractive rather than written by the model. */
export type ExtractiveReason = 'no-model' | 'model-failed' | 'uncited' | 'budget';

const LABELS: Record<ExtractiveReason, string> = {
  'no-model': 'AI answers are not configured, so here is the closest passage from the library.',
  'model-failed':
    'The AI service is not responding right now, so here is the closest passage from the library.',
  uncited: 'The AI answer could not be tied to the library, so here is the closest passage instead.',
  budget: "The team's AI budget for today is used up, so here is the closest passage from the library.",
};

/** "What is X?", "explain X", "define X": questions a definition answers. */
const DEFINITIONAL =
  /^\s*(what(?:'s|\s+is|\s+are)\s+(?:an?\s+|the\s+)?\S+(?:\s+\S+){0,2}\s*\??\s*$|define\b|explain\b|meaning of\b|what does \S+(?:\s+\S+)? (?:mean|stand for)\b)/i;

/**
 * Picks the passage that best answers the question on its own: for a
 * definitional question, the best concept's "What it is"; otherwise a FAQ
 * answer when one scores close to the best passage (FAQ answers are written
 * to stand alone), otherwise the best passage.
 */
export function pickExtractivePassage(
  passages: readonly PassageHit[],
  question = '',
): PassageHit | undefined {
  const best = passages[0];
  if (!best) return undefined;
  if (DEFINITIONAL.test(question)) {
    const definition = passages.find((p) => p.slug === best.slug && p.id.endsWith('#what-it-is'));
    if (definition) return definition;
  }
  const faq = passages.find((p) => p.kind === 'faq' && p.score >= best.score * 0.75);
  return faq ?? best;
}

/** Builds an answer quoted from the library, labelled as such; a comparison quotes both sides. */
export function extractiveAnswer(
  passages: readonly PassageHit[],
  reason: ExtractiveReason,
  question = '',
  comparison?: ComparisonPair,
): { answer: string; sources: SourceRef[]; notice: string } | undefined {
  const both = comparison && comparisonAnswer(passages, comparison);
  if (both) return { ...both, notice: LABELS[reason] };
  const passage = pickExtractivePassage(passages, question);
  if (!passage) return undefined;
  const heading = passage.kind === 'faq' ? passage.question : `${passage.title}: ${passage.section}`;
  return {
    answer: `**${heading}**\n\n${passage.text}`,
    sources: [{ slug: passage.slug, title: passage.title, section: passage.section }],
    notice: LABELS[reason],
  };
}
