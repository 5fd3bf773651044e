import { z } from 'zod';
import type { ConversationTurn } from '../../../../core/ports.js';

/** Turns the Ask page carries forward for follow-up questions (three exchanges). */
export const MAX_HISTORY_TURNS = 6;
const MAX_TURN_CHARS = 4000;

const historySchema = z
  .array(z.object({ role: z.enum(['user', 'assistant']), text: z.string().max(MAX_TURN_CHARS * 2) }))
  .max(MAX_HISTORY_TURNS * 2);

/**
 * Reads the conversation so far from the form's hidden `history` field. It
 * comes from the visitor's own browser, so it can only steer their own
 * answers; anything malformed is dropped rather than refused. The core caps
 * history by tokens again before it reaches the model.
 */
export function parseHistory(value: unknown): ConversationTurn[] {
  if (typeof value !== 'string' || value === '') return [];
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return [];
  }
  const parsed = historySchema.safeParse(data);
  if (!parsed.success) return [];
  return parsed.data
    .slice(-MAX_HISTORY_TURNS)
    .map((t) => ({ role: t.role, text: t.text.slice(0, MAX_TURN_CHARS) }));
}

/** The history to send back with an answer: the old turns plus this exchange, newest kept. */
export function nextHistory(history: readonly ConversationTurn[], question: string, answer: string): string {
  const turns: ConversationTurn[] = [
    ...history,
    { role: 'user', text: question },
    { role: 'assistant', text: answer },
  ];
  return JSON.stringify(
    turns.slice(-MAX_HISTORY_TURNS).map((t) => ({ role: t.role, text: t.text.slice(0, MAX_TURN_CHARS) })),
  );
}
