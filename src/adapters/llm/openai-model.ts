import OpenAI from 'openai';
import { NOT_COVERED_MARKER } from '../../core/answering/system-prompt.js';
import { errorFields } from '../../core/errors.js';
import type { LanguageModel, LlmRequest, LlmResponse, Logger, TokenUsage } from '../../core/ports.js';
import { citedPassageIds, citedSpans } from './citation-markers.js';
import { createOpenAiClient, type OpenAiEndpoint } from './openai-client.js';
import { toChatMessages } from './to-chat-messages.js';
import { visibleText, withoutThinking } from './visible-text.js';

/** Options of {@link createOpenAiModel}. */
export interface OpenAiModelOptions extends OpenAiEndpoint {
  model: string;
  logger: Logger;
  /** Extra whole-request attempts when the stream itself breaks (an error event or a dropped connection mid-answer). */
  streamRetries?: number;
  /** Base delay between stream retries, doubled each time. */
  streamRetryDelayMs?: number;
}

/** A stream that went quiet: the per-attempt timeout only covers the wait for the response headers. */
class StreamStalledError extends Error {}

/** OpenAI's own API wants max_completion_tokens (newer models refuse max_tokens); every other server knows max_tokens. */
export function tokenLimit(baseURL: string | undefined, maxTokens: number) {
  const openai = !baseURL || new URL(baseURL).hostname === 'api.openai.com';
  return openai ? { max_completion_tokens: maxTokens } : { max_tokens: maxTokens };
}

/** The model said the passages do not answer, perhaps dressed in Markdown or a full stop. */
function isNotCovered(text: string): boolean {
  return text.replace(/[*`"'\s]/g, '').startsWith(NOT_COVERED_MARKER);
}

/**
 * Usage as the question log counts it. OpenAI-style prompt_tokens include
 * cached tokens; Anthropic's input_tokens do not, so cached ones are moved
 * out. A server that reports nothing gets a chars/4 estimate, marked so.
 */
function toUsage(
  usage: OpenAI.CompletionUsage | null | undefined,
  messages: OpenAI.ChatCompletionMessageParam[],
  raw: string,
): TokenUsage {
  if (usage) {
    const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
    return {
      inputTokens: Math.max(0, usage.prompt_tokens - cached),
      outputTokens: usage.completion_tokens,
      cacheReadTokens: cached,
      cacheWriteTokens: 0,
    };
  }
  const promptChars = messages.reduce(
    (sum, m) => sum + (typeof m.content === 'string' ? m.content.length : 0),
    0,
  );
  return {
    inputTokens: Math.ceil(promptChars / 4),
    outputTokens: Math.ceil(raw.length / 4),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    estimated: true,
  };
}

/**
 * Any OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp, LiteLLM,
 * OpenAI, Gemini's compatible endpoint) through the official SDK and the
 * Chat Completions API, streaming. These servers have no native citations,
 * so the passages are numbered in the prompt and the model cites them as
 * `[n]`; the markers become passage ids and never reach the reader.
 */
export function createOpenAiModel(options: OpenAiModelOptions): LanguageModel {
  const client = createOpenAiClient(options);
  const streamRetries = options.streamRetries ?? 2;
  const delayMs = options.streamRetryDelayMs ?? 1000;

  async function attempt(request: LlmRequest): Promise<LlmResponse> {
    const messages = toChatMessages(request);
    const stall = new AbortController();
    const signal = request.signal ? AbortSignal.any([request.signal, stall.signal]) : stall.signal;
    const stream = await client.chat.completions.create(
      {
        model: options.model,
        messages,
        stream: true,
        stream_options: { include_usage: true },
        ...tokenLimit(options.baseURL, request.maxTokens),
      },
      { signal },
    );
    let timer = setTimeout(() => stall.abort(), options.timeoutMs);
    let raw = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    let model = options.model;
    try {
      for await (const chunk of stream) {
        clearTimeout(timer);
        timer = setTimeout(() => stall.abort(), options.timeoutMs);
        if (chunk.model) model = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        const delta = chunk.choices[0]?.delta?.content;
        if (!delta) continue;
        raw += delta;
        request.onText?.(visibleText(raw, { streaming: true }));
      }
    } catch (error) {
      if (stall.signal.aborted && !request.signal?.aborted)
        throw new StreamStalledError(`no data from the model for ${options.timeoutMs} ms`, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
    const answer = withoutThinking(raw);
    const notCovered = isNotCovered(answer);
    return {
      text: notCovered ? NOT_COVERED_MARKER : visibleText(raw).trim(),
      citedPassageIds: notCovered
        ? []
        : citedPassageIds(
            answer,
            request.passages.map((p) => p.id),
          ),
      citedSpans: notCovered
        ? [{ text: NOT_COVERED_MARKER, passageIds: [] }]
        : citedSpans(
            answer,
            request.passages.map((p) => p.id),
          ),
      model,
      usage: toUsage(usage, messages, raw),
    };
  }

  return {
    name: `openai:${options.model}`,
    async generate(request) {
      for (let i = 0; ; i++) {
        try {
          return await attempt(request);
        } catch (error) {
          // The SDK retries failed responses itself; a stream that breaks after a 200 it cannot, so we do.
          const midStream =
            !(error instanceof StreamStalledError) &&
            !(error instanceof OpenAI.APIUserAbortError) &&
            (!(error instanceof OpenAI.APIError) || error.status === undefined) &&
            !(error instanceof OpenAI.APIConnectionError);
          if (!midStream || i >= streamRetries || request.signal?.aborted) throw error;
          options.logger.warn('model stream broke; retrying', { ...errorFields(error), attempt: i + 1 });
          await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** i));
        }
      }
    },
  };
}
