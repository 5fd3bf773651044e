import type { LanguageModel, LlmRequest, LlmResponse } from '../../../../src/core/ports.js';

/** A hand-written LanguageModel that streams a scripted answer and records each request. */
export interface ScriptedModel extends LanguageModel {
  requests: LlmRequest[];
  /** The next answers, in order; each is streamed in `chunks` pieces. */
  script: Array<{ text: string; cite?: boolean }>;
  /** Awaited before streaming starts, when set (lets a test hold the answer back). */
  gate?: Promise<void>;
  /** Awaited after the first streamed chunk, when set (lets a test look at a draft). */
  midStream?: Promise<void>;
}

/** Creates a {@link ScriptedModel}; `pauseMs` is the pause between streamed chunks. */
export function createScriptedModel(options: { chunks?: number; pauseMs?: number } = {}): ScriptedModel {
  const model: ScriptedModel = {
    name: 'scripted',
    requests: [],
    script: [],
    async generate(request): Promise<LlmResponse> {
      model.requests.push(request);
      const next = model.script.shift() ?? { text: 'A grounded answer from the library.' };
      if (model.gate) await model.gate;
      const chunks = options.chunks ?? 1;
      const size = Math.ceil(next.text.length / chunks);
      for (let end = size; end < next.text.length + size; end += size) {
        request.onText?.(next.text.slice(0, Math.min(end, next.text.length)));
        if (end === size && model.midStream) await model.midStream;
        if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      }
      return {
        text: next.text,
        citedPassageIds: next.cite === false ? [] : request.passages.slice(0, 1).map((p) => p.id),
        usage: { inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0 },
        model: 'scripted-model',
      };
    },
  };
  return model;
}
