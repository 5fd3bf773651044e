import type { Config } from '../../config/env-schema.js';
import type { LanguageModel, Logger } from '../../core/ports.js';
import type { Embedder } from '../../core/retrieval/embedding-ports.js';
import type { WantedModel } from './check-server-models.js';
import { resolveModelSettings } from './model-settings.js';
import { enforcePrivateMode } from './private-mode.js';
import type { Resolve } from './private-network.js';

/** The models the container wires in. */
export interface OpenedModels {
  /** null: no provider configured, answers quote the library. */
  llm: LanguageModel | null;
  /** The answer-length cap of the chosen provider. */
  maxTokens: number;
  /** null: retrieval stays lexical. */
  embedder: Embedder | null;
  /** Lines for the startup log (private mode, retrieval). */
  notes: string[];
}

/**
 * Reads the model settings, enforces PRIVATE_MODE, and builds the language
 * model and the embedder. Each SDK is imported only when used: they are a
 * noticeable share of start-up time. For OpenAI-compatible servers the
 * configured models are checked once against the server's model list.
 */
export async function openModels(options: {
  config: Config;
  logger: Logger;
  /** Hostname resolution for PRIVATE_MODE; tests pass their own. */
  resolve?: Resolve;
}): Promise<OpenedModels> {
  const { config, logger } = options;
  const settings = resolveModelSettings(config);
  const notes: string[] = [];
  if (config.PRIVATE_MODE) notes.push(await enforcePrivateMode(settings, options.resolve));

  let llm: LanguageModel | null = null;
  if (settings.provider === 'anthropic') {
    const { createAnthropicModel } = await import('./anthropic-model.js');
    llm = createAnthropicModel({
      apiKey: config.ANTHROPIC_API_KEY!,
      model: config.ANTHROPIC_MODEL,
      baseURL: config.ANTHROPIC_BASE_URL,
      timeoutMs: config.ANTHROPIC_TIMEOUT_MS,
      maxRetries: config.ANTHROPIC_MAX_RETRIES,
      logger,
    });
  }
  let embedder: Embedder | null = null;
  // The OpenAI-compatible server answers (provider openai), embeds (EMBEDDINGS_MODEL), or both.
  if (settings.provider === 'openai' || settings.embeddingsModel) {
    const [{ createOpenAiClient }, { createOpenAiModel }, { createOpenAiEmbedder }, { checkServerModels }] =
      await Promise.all([
        import('./openai-client.js'),
        import('./openai-model.js'),
        import('./openai-embedder.js'),
        import('./check-server-models.js'),
      ]);
    const endpoint = {
      baseURL: config.OPENAI_BASE_URL,
      apiKey: config.OPENAI_API_KEY,
      timeoutMs: config.OPENAI_TIMEOUT_MS,
      maxRetries: config.OPENAI_MAX_RETRIES,
    };
    const client = createOpenAiClient(endpoint);
    const wanted: WantedModel[] = [];
    if (settings.provider === 'openai')
      wanted.push({ variable: 'OPENAI_MODEL', model: config.OPENAI_MODEL! });
    if (settings.embeddingsModel)
      wanted.push({ variable: 'EMBEDDINGS_MODEL', model: settings.embeddingsModel });
    await checkServerModels(client, wanted, logger);
    if (settings.provider === 'openai')
      llm = createOpenAiModel({ ...endpoint, model: config.OPENAI_MODEL!, logger });
    if (settings.embeddingsModel) {
      embedder = createOpenAiEmbedder(client, settings.embeddingsModel);
      notes.push(`retrieval: hybrid (BM25 + ${settings.embeddingsModel} vectors, fused by rank)`);
    }
  }
  return {
    llm,
    maxTokens: settings.provider === 'openai' ? config.OPENAI_MAX_TOKENS : config.ANTHROPIC_MAX_TOKENS,
    embedder,
    notes,
  };
}
