import OpenAI from 'openai';
import { ConfigError, errorFields } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';

/** A model the configuration names, and the variable that names it. */
export interface WantedModel {
  variable: 'OPENAI_MODEL' | 'EMBEDDINGS_MODEL';
  model: string;
}

/** Ollama lists `llama3.1:latest`; people write `llama3.1`. */
function known(ids: readonly string[], model: string): boolean {
  return ids.includes(model) || (!model.includes(':') && ids.includes(`${model}:latest`));
}

/**
 * Checks once, at startup, that the server knows the configured models, so a
 * typo is a clear error now rather than a quoted answer on every question.
 * A server that does not list its models (404, 405, 501), refuses to, or is
 * down gets a warning and startup goes on: answers then quote the library
 * until it works.
 */
export async function checkServerModels(
  client: OpenAI,
  wanted: readonly WantedModel[],
  logger: Logger,
): Promise<void> {
  if (wanted.length === 0) return;
  const where = client.baseURL;
  let ids: string[];
  try {
    ids = [];
    for await (const model of client.models.list({ maxRetries: 0, timeout: 10_000 })) ids.push(model.id);
  } catch (error) {
    const status = error instanceof OpenAI.APIError ? error.status : undefined;
    const names = wanted.map((w) => `${w.variable}="${w.model}"`).join(' and ');
    if (status === 401 || status === 403)
      logger.warn(
        `the model server at ${where} refused to list its models (${status}): check OPENAI_API_KEY; ${names} not checked`,
      );
    else if (status !== undefined)
      logger.warn(
        `the model server at ${where} does not list its models (GET /models answered ${status}); ${names} not checked`,
      );
    else
      logger.warn(
        `could not reach the model server at ${where} to check ${names}; answers quote the library until it is up`,
        {
          ...errorFields(error),
        },
      );
    return;
  }
  const unknown = wanted.filter((w) => !known(ids, w.model));
  if (unknown.length === 0) return;
  const listed =
    ids.length > 0
      ? `It has: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''}.`
      : 'It lists no models.';
  const ollama = new URL(where).port === '11434';
  const lines = unknown.map(
    (w) =>
      `  ${w.variable}: the server at ${where} does not know the model "${w.model}". ${listed} ${
        ollama ? `Pull it (ollama pull ${w.model}) or set ${w.variable}` : `Set ${w.variable}`
      } to a model it has, written exactly as listed.`,
  );
  throw new ConfigError(`Invalid configuration, the service did not start:\n${lines.join('\n')}`);
}
