import type { LanguageModel, LlmRequest, LlmResponse } from '../../../src/core/ports.js';

/** A hand-written LanguageModel fake: answers with the queued texts (citing the first passage) and records every request. */
export interface ScriptedModel extends LanguageModel {
  requests: LlmRequest[];
  /** Queues the next answers; when empty it answers a short sentence. */
  enqueue(...texts: string[]): void;
  /** Makes the next answers wait until the returned function is called, like a slow model. */
  hold(): () => void;
}

/** Creates a {@link ScriptedModel}. */
export function createScriptedModel(): ScriptedModel {
  const requests: LlmRequest[] = [];
  const queue: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  return {
    name: 'scripted-model',
    requests,
    enqueue: (...texts) => void queue.push(...texts),
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
    async generate(request): Promise<LlmResponse> {
      requests.push(request);
      const text = queue.shift() ?? 'About three quarters of a word, so 100 tokens are roughly 75 words.';
      // Streams the first half, as the Anthropic adapter reports the text so far.
      request.onText?.(text.slice(0, Math.ceil(text.length / 2)));
      await gate;
      return {
        text,
        citedPassageIds: request.passages.slice(0, 1).map((p) => p.id),
        usage: { inputTokens: 300, outputTokens: 40, cacheReadTokens: 0, cacheWriteTokens: 0 },
        model: 'scripted-model',
      };
    },
  };
}
