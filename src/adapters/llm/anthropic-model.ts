import Anthropic from '@anthropic-ai/sdk';
import type { CitedSpan, LanguageModel, LlmRequest, LlmResponse, Logger } from '../../core/ports.js';
import { toMessages } from './to-messages.js';

/** Options of {@link createAnthropicModel}; `apiKey` comes from env and is never logged. */
export interface AnthropicModelOptions {
  apiKey: string;
  model: string;
  /** Defaults to the SDK's own (ANTHROPIC_BASE_URL or the public API). */
  baseURL?: string | undefined;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** SDK retries for 408/409/429/5xx/529 responses; the SDK honours retry-after. */
  maxRetries: number;
  /** Extra whole-request attempts when the stream itself breaks (e.g. a mid-stream overloaded_error). */
  streamRetries?: number;
  /** Base delay between stream retries. */
  streamRetryDelayMs?: number;
  logger: Logger;
}

/**
 * Claude through the official SDK. Passages go in as `search_result` blocks
 * with citations enabled, so the model's citations point straight back at the
 * library. The stable prefix (`request.system`) goes first, as the system
 * block that carries the cache breakpoint; everything after it varies.
 */
export function createAnthropicModel(options: AnthropicModelOptions): LanguageModel {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logLevel: 'off',
  });
  const streamRetries = options.streamRetries ?? 2;
  const delayMs = options.streamRetryDelayMs ?? 1000;
  let warnedUncached: string | undefined;

  /** Once per prefix: a prefix below the model's minimum is silently not cached, and costs full price. */
  function checkCached(request: LlmRequest, response: LlmResponse): void {
    if (response.usage.cacheReadTokens > 0 || response.usage.cacheWriteTokens > 0) return;
    if (warnedUncached === request.system) return;
    warnedUncached = request.system;
    options.logger.warn(
      "the prompt prefix was not cached (no cache read or write); it may be below the model's minimum cacheable length",
      {
        model: options.model,
        prefixChars: request.system.length,
        estimatedPrefixTokens: Math.ceil(request.system.length / 4),
      },
    );
  }

  async function attempt(request: LlmRequest): Promise<LlmResponse> {
    const stream = client.messages.stream(
      {
        model: options.model,
        max_tokens: request.maxTokens,
        system: [{ type: 'text', text: request.system, cache_control: { type: 'ephemeral' } }],
        messages: toMessages(request),
      },
      { signal: request.signal },
    );
    if (request.onText) {
      const onText = request.onText;
      stream.on('text', (_delta, snapshot) => onText(snapshot));
    }
    const message = await stream.finalMessage();
    let text = '';
    const cited: string[] = [];
    const citedSpans: CitedSpan[] = [];
    for (const block of message.content) {
      if (block.type !== 'text') continue;
      text += block.text;
      const span: CitedSpan = { text: block.text, passageIds: [] };
      for (const citation of block.citations ?? []) {
        if (citation.type !== 'search_result_location') continue;
        if (!cited.includes(citation.source)) cited.push(citation.source);
        if (!span.passageIds.includes(citation.source)) span.passageIds.push(citation.source);
      }
      citedSpans.push(span);
    }
    return {
      text,
      citedPassageIds: cited,
      citedSpans,
      model: message.model,
      usage: {
        inputTokens: message.usage.input_tokens,
        outputTokens: message.usage.output_tokens,
        cacheReadTokens: message.usage.cache_read_input_tokens ?? 0,
        cacheWriteTokens: message.usage.cache_creation_input_tokens ?? 0,
      },
    };
  }

  return {
    name: `anthropic:${options.model}`,
    async generate(request) {
      for (let i = 0; ; i++) {
        try {
          const response = await attempt(request);
          checkCached(request, response);
          return response;
        } catch (error) {
          // The SDK retries failed responses itself; an error event inside a 200 stream it cannot, so we do.
          const midStream =
            error instanceof Anthropic.APIError &&
            error.status === undefined &&
            (error.type === 'overloaded_error' || error.type === 'api_error');
          if (!midStream || i >= streamRetries || request.signal?.aborted) throw error;
          options.logger.warn('Anthropic stream broke; retrying', { type: error.type, attempt: i + 1 });
          await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** i));
        }
      }
    },
  };
}
