import { beginnerConcepts, recentlyUpdated } from '../../../core/content/library-highlights.js';
import type { Concept, Library } from '../../../core/content/types.js';
import { BLOCK_IDS, type SlackMessage, section } from './slack-message.js';

/** What the tutor says when someone opens an assistant thread. */
export const GREETING =
  "Hi! Ask me about any AI concept and I'll explain it from your team's library, with the articles I used. Pick a suggestion or type your own question.";

/** The greeting, marked so that thread history never reads it back as an answer. */
export function greetingMessage(): SlackMessage {
  return { text: GREETING, blocks: [section(GREETING, BLOCK_IDS.greeting)] };
}

/** Slack shows at most four suggested prompts. */
const MAX_PROMPTS = 4;
/** Of which at most this many are "new this week", so the basics always show. */
const MAX_NEW = 2;
const MAX_TITLE = 60;

/** Suggested prompts for an assistant thread, as assistant.threads.setSuggestedPrompts takes them. */
export interface SuggestedPrompts {
  title: string;
  prompts: Array<{ title: string; message: string }>;
}

const clip = (text: string) => (text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text);
const ask = (concept: Concept) => `What is ${concept.title}?`;

/**
 * Prompts from the library: what was written or revised this week (by the
 * articles' `updated:` dates), then beginner concepts to fill up to four.
 * Each asks "What is <title>?", which the library is sure to cover. Null for
 * an empty library.
 */
export function suggestedPrompts(library: Library, now: Date): SuggestedPrompts | null {
  const fresh = recentlyUpdated(library, now).slice(0, MAX_NEW);
  const basics = beginnerConcepts(library, MAX_PROMPTS).filter((c) => !fresh.includes(c));
  const prompts = [
    ...fresh.map((c) => ({ title: clip(`New: ${c.title}`), message: ask(c) })),
    ...basics.map((c) => ({ title: clip(c.title), message: ask(c) })),
  ].slice(0, MAX_PROMPTS);
  if (prompts.length === 0) return null;
  return { title: fresh.length > 0 ? 'New this week, and the basics' : 'Start with the basics', prompts };
}
