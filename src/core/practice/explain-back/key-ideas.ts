import type { Concept } from '../../content/types.js';
import { termSequence } from '../../retrieval/terms.js';

/** One idea an explanation of a concept should touch, taken from the article's structure. */
export interface KeyIdea {
  /** The article passage it comes from (`slug#what-it-is`, `slug#how-it-works`, `slug#pitfalls`). */
  passageId: string;
  /** The section heading, as readers see it. */
  section: string;
  /** A short label: a bold lead ("Retrieve") or the idea's first words. */
  label: string;
  /** The idea's full text, shown only when the learner asks for the full feedback. */
  text: string;
  /** Its distinct stemmed content words, without the concept's own name. */
  terms: ReadonlySet<string>;
}

/** `**Retrieve.** The system searches…` → `Retrieve`. */
const BOLD_LEAD = /^\*\*([^*]+?)[.:]?\*\*[.:]?\s*/;

/** The first sentence of a paragraph (the definition is the first sentence of "What it is"). */
function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  return (match?.[1] ?? text).trim();
}

function labelOf(text: string): { label: string; body: string } {
  const lead = BOLD_LEAD.exec(text);
  if (lead) return { label: lead[1]!.trim(), body: text.slice(lead[0].length) };
  const words = text.replace(/\*\*/g, '').split(/\s+/);
  return { label: words.slice(0, 8).join(' ') + (words.length > 8 ? '…' : ''), body: text };
}

/**
 * The key ideas of a concept, in article order: its definition (the first
 * sentence of "What it is"), each "How it works" step and each common
 * pitfall. Editors already write these as the article's spine, so the
 * automatic check needs no extra markup. The concept's own name is left out
 * of each idea's terms: saying "RAG" does not show that you know how it works.
 */
export function keyIdeas(concept: Concept): KeyIdea[] {
  const own = new Set(termSequence([concept.title, concept.slug, ...concept.aliases].join(' ')));
  const idea = (passageId: string, section: string, label: string, text: string): KeyIdea => ({
    passageId: `${concept.slug}#${passageId}`,
    section,
    label,
    text: text.replace(/\*\*/g, '').trim(),
    terms: new Set(termSequence(text).filter((term) => !own.has(term))),
  });
  const definition = firstSentence(concept.whatItIs.split(/\n\s*\n/)[0] ?? concept.summary);
  return [
    idea('what-it-is', 'What it is', 'What it is', definition),
    ...concept.howItWorks.map((step) => {
      const { label } = labelOf(step);
      return idea('how-it-works', 'How it works', label, step);
    }),
    ...concept.pitfalls.map((pitfall) => {
      const { label } = labelOf(pitfall);
      return idea('pitfalls', 'Common pitfalls', label, pitfall);
    }),
  ].filter((k) => k.terms.size > 0);
}
