import OpenAI from 'openai';

/** Where an OpenAI-compatible server is and how to reach it; `apiKey` comes from env and is never logged. */
export interface OpenAiEndpoint {
  /** e.g. http://127.0.0.1:11434/v1 (Ollama); unset: OpenAI's own API. */
  baseURL?: string | undefined;
  /** Optional: local servers (Ollama, vLLM, llama.cpp) need none. */
  apiKey?: string | undefined;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** SDK retries of connection errors, 408, 409, 429 and 5xx, with backoff; retry-after is honoured. */
  maxRetries: number;
}

/**
 * The official SDK client for one endpoint. It reads nothing from the
 * environment itself (our config is parsed once, in one place), and without
 * a key it sends no Authorization header at all rather than a dummy one.
 */
export function createOpenAiClient(endpoint: OpenAiEndpoint): OpenAI {
  return new OpenAI({
    // The SDK insists on a credential; without a key the header is removed below.
    apiKey: endpoint.apiKey ?? 'no-key',
    baseURL: endpoint.baseURL ?? 'https://api.openai.com/v1',
    organization: null,
    project: null,
    timeout: endpoint.timeoutMs,
    maxRetries: endpoint.maxRetries,
    logLevel: 'off',
    ...(endpoint.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
  });
}
