import type Anthropic from '@anthropic-ai/sdk';
import type { LlmRequest } from '../../core/ports.js';

/**
 * Builds the Messages API conversation: earlier turns as plain text, then one
 * user turn holding the passages as cited `search_result` blocks followed by
 * the question. User text only ever appears in user turns.
 */
export function toMessages(request: LlmRequest): Anthropic.MessageParam[] {
  const history = request.history.map((turn) => ({ role: turn.role, content: turn.text }));
  // The API wants alternating roles ending in ours; fold a trailing user turn into the question.
  const trailing = history.at(-1)?.role === 'user' ? `${history.pop()!.content}\n\n` : '';
  const results: Anthropic.SearchResultBlockParam[] = request.passages.map((p) => ({
    type: 'search_result',
    source: p.id,
    title: p.title,
    content: [{ type: 'text', text: p.text }],
    citations: { enabled: true },
  }));
  return [
    ...history,
    {
      role: 'user',
      content: [...results, { type: 'text', text: `${trailing}Question: ${request.question}` }],
    },
  ];
}
