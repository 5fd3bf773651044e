import type OpenAI from 'openai';
import { NOT_COVERED_MARKER } from '../../core/answering/system-prompt.js';
import type { LlmRequest } from '../../core/ports.js';

/**
 * How to cite, for servers without native citations. Constant text, so it
 * joins the stable prefix without breaking prefix caching.
 */
export const CITATION_RULES = `How to cite: the search results in the user's message are numbered [1], [2] and so on. Right after each sentence that uses a search result, write its number in square brackets, for example: "A token is about three quarters of a word [2]." Cite several as [1, 3]. Use only numbers that appear in the search results, and never cite the library map. If the search results do not answer the question, reply with exactly ${NOT_COVERED_MARKER} and nothing else.`;

/** The numbered search results and the question: the only part of the prompt that is new each turn. */
export function numberedPassages(request: LlmRequest): string {
  const results = request.passages.map((p, i) => `[${i + 1}] ${p.title}\n${p.text}`).join('\n\n');
  return `Search results:\n\n${results}`;
}

/**
 * Builds a Chat Completions conversation in the port's order: one system
 * message that starts with the stable prefix byte for byte (then the
 * constant citation rules), the earlier turns, then one user turn with the
 * numbered passages followed by the question. Servers that cache prompts by
 * prefix (OpenAI, vLLM, llama.cpp) reuse everything up to the history. One
 * system message, not two: several chat templates (Mistral, Gemma) accept
 * only one.
 */
export function toChatMessages(request: LlmRequest): OpenAI.ChatCompletionMessageParam[] {
  const turns: Array<{ role: 'user' | 'assistant'; content: string }> = [];
  for (const turn of request.history) {
    // Strict templates want user and assistant to alternate: merge neighbours of one role.
    const last = turns.at(-1);
    if (last?.role === turn.role) last.content += `\n\n${turn.text}`;
    else turns.push({ role: turn.role, content: turn.text });
  }
  // Ours is the last user turn: fold a trailing user turn into it.
  const trailing = turns.at(-1)?.role === 'user' ? `${turns.pop()!.content}\n\n` : '';
  return [
    { role: 'system', content: `${request.system}\n\n${CITATION_RULES}` },
    ...turns,
    { role: 'user', content: `${numberedPassages(request)}\n\n${trailing}Question: ${request.question}` },
  ];
}
