import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveModelSettings } from '../../../src/adapters/llm/model-settings.js';
import { openModels } from '../../../src/adapters/llm/open-models.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';
import {
  closedPortUrl,
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from '../../fakes/fake-openai-server.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.models = ['llama3.1:8b', 'nomic-embed-text:latest'];
});

async function errorOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('choosing the provider', () => {
  it('answers by quoting with no model configured, and picks Claude when its key is set', () => {
    expect(resolveModelSettings(loadConfig({})).provider).toBeNull();
    expect(resolveModelSettings(loadConfig({ ANTHROPIC_API_KEY: 'k' })).provider).toBe('anthropic');
    // Both configured and no choice made: Claude stays the default.
    expect(
      resolveModelSettings(
        loadConfig({ ANTHROPIC_API_KEY: 'k', OPENAI_MODEL: 'm', OPENAI_BASE_URL: fake.url }),
      ).provider,
    ).toBe('anthropic');
    expect(resolveModelSettings(loadConfig({ OPENAI_MODEL: 'm', OPENAI_BASE_URL: fake.url })).provider).toBe(
      'openai',
    );
  });

  it('names what is missing for the chosen provider', async () => {
    expect(
      await errorOf(() =>
        resolveModelSettings(loadConfig({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: fake.url })),
      ),
    ).toMatch(/OPENAI_MODEL: is required when LLM_PROVIDER=openai/);
    expect(
      await errorOf(() => resolveModelSettings(loadConfig({ LLM_PROVIDER: 'openai', OPENAI_MODEL: 'm' }))),
    ).toMatch(/OPENAI_BASE_URL: is required for LLM_PROVIDER=openai .*http:\/\/127\.0\.0\.1:11434\/v1/);
    expect(await errorOf(() => resolveModelSettings(loadConfig({ LLM_PROVIDER: 'anthropic' })))).toMatch(
      /ANTHROPIC_API_KEY: is required when LLM_PROVIDER=anthropic/,
    );
    expect(await errorOf(() => resolveModelSettings(loadConfig({ EMBEDDINGS_MODEL: 'e' })))).toMatch(
      /OPENAI_BASE_URL: is required for EMBEDDINGS_MODEL/,
    );
    expect(await errorOf(() => loadConfig({ LLM_PROVIDER: 'ollama' }))).toMatch(
      /LLM_PROVIDER: must be anthropic \(Claude\) or openai/,
    );
  });
});

describe('checking the configured models once at startup', () => {
  const open = (env: Record<string, string>) => {
    const logger = createRecordingLogger();
    return {
      logger,
      opened: openModels({
        config: loadConfig({ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: fake.url, ...env }),
        logger,
      }),
    };
  };

  it('starts with a model the server lists, and Ollama’s :latest may be left out', async () => {
    const { opened, logger } = open({ OPENAI_MODEL: 'llama3.1:8b', EMBEDDINGS_MODEL: 'nomic-embed-text' });
    const models = await opened;
    expect(models.llm?.name).toBe('openai:llama3.1:8b');
    expect(models.embedder?.name).toBe('openai:nomic-embed-text');
    expect(models.maxTokens).toBe(700);
    expect(logger.lines.filter((l) => l.level !== 'info')).toEqual([]);
    expect(fake.requestsTo('/v1/models').length).toBeGreaterThan(0);
  });

  it('refuses to start with a model the server does not know, naming OPENAI_MODEL and what it has', async () => {
    const message = await errorOf(open({ OPENAI_MODEL: 'llama9:70b' }).opened);
    expect(message).toContain(
      `OPENAI_MODEL: the server at ${fake.url} does not know the model "llama9:70b". It has: llama3.1:8b, nomic-embed-text:latest.`,
    );
  });

  it('names EMBEDDINGS_MODEL when that is the unknown one', async () => {
    const message = await errorOf(open({ OPENAI_MODEL: 'llama3.1:8b', EMBEDDINGS_MODEL: 'bge-m3' }).opened);
    expect(message).toMatch(/EMBEDDINGS_MODEL: .*does not know the model "bge-m3"/);
    expect(message).not.toMatch(/OPENAI_MODEL:/);
  });

  it('warns and starts when the server has no model list endpoint', async () => {
    fake.models = null;
    const { opened, logger } = open({ OPENAI_MODEL: 'anything' });
    expect((await opened).llm?.name).toBe('openai:anything');
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      `the model server at ${fake.url} does not list its models (GET /models answered 404); OPENAI_MODEL="anything" not checked`,
    ]);
  });

  it('warns and starts when the server is down: answers quote the library until it is up', async () => {
    const logger = createRecordingLogger();
    const models = await openModels({
      config: loadConfig({
        LLM_PROVIDER: 'openai',
        OPENAI_BASE_URL: await closedPortUrl(),
        OPENAI_MODEL: 'm',
      }),
      logger,
    });
    expect(models.llm).not.toBeNull();
    expect(logger.lines.find((l) => l.level === 'warn')!.message).toMatch(
      /could not reach the model server at .* to check OPENAI_MODEL="m"/,
    );
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('uses OPENAI_MAX_TOKENS for the OpenAI-compatible provider and ANTHROPIC_MAX_TOKENS for Claude', async () => {
    const openai = await openModels({
      config: loadConfig({
        OPENAI_BASE_URL: fake.url,
        OPENAI_MODEL: 'llama3.1:8b',
        OPENAI_MAX_TOKENS: '300',
      }),
      logger: createRecordingLogger(),
    });
    expect(openai.maxTokens).toBe(300);
    const claude = await openModels({
      config: loadConfig({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_MAX_TOKENS: '400', OPENAI_MAX_TOKENS: '300' }),
      logger: createRecordingLogger(),
    });
    expect(claude).toMatchObject({ maxTokens: 400, embedder: null });
    expect(claude.llm?.name).toBe('anthropic:claude-haiku-5-5');
  });
});
