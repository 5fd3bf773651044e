import type { ConversationTurn } from '../ports.js';

/** Rough token estimate (about four characters per token for English); good enough for a budget cap. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Keeps the most recent turns that fit in `maxTokens`, so a long thread never
 * overflows the context window. The result starts with a user turn, as the
 * Messages API requires.
 */
export function capHistory(turns: readonly ConversationTurn[], maxTokens: number): ConversationTurn[] {
  const kept: ConversationTurn[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i]!;
    const cost = estimateTokens(turn.text);
    if (used + cost > maxTokens) break;
    used += cost;
    kept.unshift(turn);
  }
  while (kept[0] && kept[0].role !== 'user') kept.shift();
  // Consecutive turns of one role would be rejected by the API; merge them.
  return kept.reduce<ConversationTurn[]>((merged, turn) => {
    const last = merged.at(-1);
    if (last && last.role === turn.role) last.text += `\n\n${turn.text}`;
    else merged.push({ ...turn });
    return merged;
  }, []);
}
