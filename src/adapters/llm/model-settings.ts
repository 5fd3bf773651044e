import type { Config } from '../../config/env-schema.js';
import { ConfigError } from '../../core/errors.js';

/** Which model answers, and where vectors come from, after the cross-checks one zod field cannot do. */
export interface ModelSettings {
  /** null: no model, answers quote the library. */
  provider: 'anthropic' | 'openai' | null;
  /** The OpenAI-compatible endpoint, used by provider openai and by embeddings; undefined means OpenAI's API. */
  openaiBaseUrl: string | undefined;
  /** The embeddings model on that endpoint; null keeps retrieval lexical. */
  embeddingsModel: string | null;
}

const fail = (line: string): never => {
  throw new ConfigError(`Invalid configuration, the service did not start:\n  ${line} See .env.example.`);
};

/**
 * Picks the provider: LLM_PROVIDER when set; otherwise anthropic when
 * ANTHROPIC_API_KEY is set, openai when OPENAI_MODEL is, and none (quoted
 * answers) when neither is. Throws a ConfigError naming what to set.
 */
export function resolveModelSettings(config: Config): ModelSettings {
  const provider =
    config.LLM_PROVIDER ?? (config.ANTHROPIC_API_KEY ? 'anthropic' : config.OPENAI_MODEL ? 'openai' : null);
  if (provider === 'anthropic' && !config.ANTHROPIC_API_KEY)
    fail('ANTHROPIC_API_KEY: is required when LLM_PROVIDER=anthropic (it is not set).');
  if (provider === 'openai' && !config.OPENAI_MODEL)
    fail(
      'OPENAI_MODEL: is required when LLM_PROVIDER=openai (it is not set). Name a model your server has, e.g. OPENAI_MODEL=llama3.1:8b for Ollama.',
    );
  const usesEndpoint = provider === 'openai' || !!config.EMBEDDINGS_MODEL;
  if (usesEndpoint && !config.OPENAI_BASE_URL && !config.OPENAI_API_KEY)
    fail(
      `OPENAI_BASE_URL: is required for ${provider === 'openai' ? 'LLM_PROVIDER=openai' : 'EMBEDDINGS_MODEL'} (it is not set). Point it at your server, e.g. http://127.0.0.1:11434/v1 for Ollama or http://127.0.0.1:8000/v1 for vLLM; or set OPENAI_API_KEY to use OpenAI's own API.`,
    );
  return {
    provider,
    openaiBaseUrl: config.OPENAI_BASE_URL,
    embeddingsModel: config.EMBEDDINGS_MODEL ?? null,
  };
}
