import { ConfigError } from '../../core/errors.js';
import type { ModelSettings } from './model-settings.js';
import { checkPrivateHost, PRIVATE_RANGES, type Resolve, systemResolve } from './private-network.js';

const refuse = (line: string): never => {
  throw new ConfigError(
    `Invalid configuration, the service did not start:\n  PRIVATE_MODE: ${line} See docs/private-mode.md.`,
  );
};

/**
 * PRIVATE_MODE=true: questions and library passages may go to a model only
 * on this machine or the private network. Claude is refused (it runs on
 * Anthropic's servers), and so is any OpenAI-compatible endpoint (answers
 * or embeddings) whose host is not loopback or private. Returns the line
 * the startup log shows; throws a ConfigError naming what to change.
 */
export async function enforcePrivateMode(
  settings: ModelSettings,
  resolve: Resolve = systemResolve,
): Promise<string> {
  if (settings.provider === 'anthropic')
    refuse(
      "refuses Claude (LLM_PROVIDER=anthropic, or ANTHROPIC_API_KEY set): it runs on Anthropic's servers, outside your network. Set LLM_PROVIDER=openai with OPENAI_BASE_URL on your own server (Ollama, vLLM), or unset ANTHROPIC_API_KEY to answer by quoting the library.",
    );
  const uses = [
    ...(settings.provider === 'openai' ? ['answers'] : []),
    ...(settings.embeddingsModel ? ['embeddings'] : []),
  ];
  if (uses.length === 0)
    return 'private mode: on (no model configured: answers quote the library; nothing is sent)';
  const url = settings.openaiBaseUrl ?? 'https://api.openai.com/v1';
  const check = await checkPrivateHost(url, resolve);
  if (!check.ok)
    refuse(
      `refuses OPENAI_BASE_URL=${url} (${uses.join(' and ')}): ${check.reason}. Only loopback and private addresses are allowed (${PRIVATE_RANGES}); run the model server on this machine or your network.`,
    );
  return `private mode: on (${uses.join(' and ')} only from ${url}, ${check.ok ? check.addresses.join(', ') : ''}; no other model provider is called)`;
}
