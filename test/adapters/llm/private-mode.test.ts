import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openModels } from '../../../src/adapters/llm/open-models.js';
import { isPrivateAddress, type Resolve } from '../../../src/adapters/llm/private-network.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createContainer } from '../../../src/container.js';
import { ConfigError } from '../../../src/core/errors.js';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../fakes/fake-openai-server.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { FIXTURE_CONTENT_DIR } from '../../fixtures/load-fixture-files.js';

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());

/** DNS as a table, so no test depends on this machine's resolver or network. */
const dns =
  (table: Record<string, string[]>): Resolve =>
  async (host) => {
    const found = table[host];
    if (!found) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
    return found;
  };

async function refusal(env: Record<string, string>, resolve: Resolve = dns({})): Promise<string> {
  try {
    await openModels({
      config: loadConfig({ PRIVATE_MODE: 'true', ...env }),
      logger: createRecordingLogger(),
      resolve,
    });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected PRIVATE_MODE to refuse');
}

describe('which addresses count as private', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.254', true],
    ['192.168.1.20', true],
    ['::1', true],
    ['fd12:3456:789a::1', true],
    ['fe80::1%eth0', true],
    ['::ffff:192.168.1.20', true],
    ['172.32.0.1', false],
    ['8.8.8.8', false],
    ['203.0.113.7', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['2606:4700::1111', false],
    ['::ffff:8.8.8.8', false],
    ['not-an-ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('PRIVATE_MODE=true', () => {
  it('refuses a public model host, naming OPENAI_BASE_URL and the address', async () => {
    const message = await refusal({
      OPENAI_BASE_URL: 'http://203.0.113.7:11434/v1',
      OPENAI_MODEL: 'llama3.1:8b',
    });
    expect(message).toMatch(
      /PRIVATE_MODE: refuses OPENAI_BASE_URL=http:\/\/203\.0\.113\.7:11434\/v1 \(answers\): 203\.0\.113\.7 is not a loopback or private address/,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('resolves a hostname and refuses it when any of its addresses is public', async () => {
    const resolve = dns({ 'llm.example.com': ['10.0.0.5', '198.51.100.9'] });
    const message = await refusal(
      { OPENAI_BASE_URL: 'https://llm.example.com/v1', OPENAI_MODEL: 'm' },
      resolve,
    );
    expect(message).toMatch(/llm\.example\.com is not a loopback or private address \(198\.51\.100\.9\)/);
  });

  it('refuses a name that does not resolve', async () => {
    const message = await refusal({ OPENAI_BASE_URL: 'http://gpu-box.lan:8000/v1', OPENAI_MODEL: 'm' });
    expect(message).toMatch(/gpu-box\.lan could not be resolved/);
  });

  it("refuses Claude, whose API is public, even through ANTHROPIC_API_KEY's default", async () => {
    expect(await refusal({ ANTHROPIC_API_KEY: 'k' })).toMatch(/PRIVATE_MODE: refuses Claude/);
    expect(await refusal({ LLM_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k' })).toMatch(/refuses Claude/);
  });

  it("refuses OpenAI's own API (no OPENAI_BASE_URL)", async () => {
    const resolve = dns({ 'api.openai.com': ['162.159.140.245'] });
    expect(await refusal({ OPENAI_API_KEY: 'sk-x', OPENAI_MODEL: 'gpt-test' }, resolve)).toMatch(
      /refuses OPENAI_BASE_URL=https:\/\/api\.openai\.com\/v1 \(answers\)/,
    );
  });

  it('refuses a public embeddings endpoint too', async () => {
    expect(
      await refusal({ OPENAI_BASE_URL: 'http://198.51.100.9/v1', EMBEDDINGS_MODEL: 'nomic-embed-text' }),
    ).toMatch(/\(embeddings\): 198\.51\.100\.9 is not a loopback or private address/);
  });

  it('allows a server on a private name and says so at startup', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'private-mode-'));
    const logger = createRecordingLogger();
    const url = new URL(fake.url);
    const container = await createContainer({
      config: loadConfig({
        PRIVATE_MODE: 'true',
        LLM_PROVIDER: 'openai',
        // A name, resolved like any other (the table stands in for DNS): the fake on loopback.
        OPENAI_BASE_URL: `http://localhost:${url.port}/v1`,
        OPENAI_MODEL: 'llama3.1:8b',
        CONTENT_DIR: FIXTURE_CONTENT_DIR,
        CONTENT_WATCH: 'false',
        DATA_DIR: dir,
      }),
      logger,
      database: false,
      resolveHost: dns({ localhost: ['127.0.0.1'] }),
    });
    try {
      expect(container.llm?.name).toBe('openai:llama3.1:8b');
      expect(logger.lines.map((l) => l.message)).toContain(
        `private mode: on (answers only from http://localhost:${url.port}/v1, 127.0.0.1; no other model provider is called)`,
      );
      expect(logger.lines.filter((l) => l.level !== 'info').map((l) => l.message)).toEqual([]);
    } finally {
      await container.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('starts with no model at all: answers quote the library and nothing is sent', async () => {
    const logger = createRecordingLogger();
    const models = await openModels({ config: loadConfig({ PRIVATE_MODE: 'true' }), logger });
    expect(models.llm).toBeNull();
    expect(models.notes).toEqual([
      'private mode: on (no model configured: answers quote the library; nothing is sent)',
    ]);
  });
});
