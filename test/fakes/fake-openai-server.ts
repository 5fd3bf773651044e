import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received. */
export interface RecordedOpenAiRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** What the fake does with the next chat completion request. */
export type FakeChatReply =
  | {
      kind: 'answer';
      text: string;
      /** Streams the first `pauseAfter` characters, then waits for `resume` (lets a test look at a draft). */
      pauseAfter?: number;
      resume?: Promise<void>;
      /** Token usage to report when the client asks for it; null reports none (as some servers do). */
      usage?: { prompt_tokens: number; completion_tokens: number; cached_tokens?: number } | null;
    }
  | { kind: 'http-error'; status: number; headers?: Record<string, string> }
  /** A 200 stream that sends `afterText`, then an error event, as vLLM and LiteLLM do when generation fails. */
  | { kind: 'stream-error'; afterText?: string }
  /** A 200 stream that sends `afterText` and then nothing, ever (until the client gives up). */
  | { kind: 'stall'; afterText?: string };

/** A running fake OpenAI-compatible server (Chat Completions, models, embeddings). */
export interface FakeOpenAiServer {
  /** Base URL including /v1, as OPENAI_BASE_URL takes it. */
  url: string;
  requests: RecordedOpenAiRequest[];
  /** Requests to one path (e.g. '/v1/embeddings'). */
  requestsTo(path: string): RecordedOpenAiRequest[];
  /** Queues replies for the next chat requests; when empty, it answers citing [1]. */
  enqueue(...replies: FakeChatReply[]): void;
  /** What GET /v1/models lists; null answers 404, as servers without the endpoint do. */
  models: string[] | null;
  /** Embeddings requests fail with this status while set (the endpoint is "down"). */
  embeddingsStatus: number | null;
  close(): Promise<void>;
}

/** The answer the fake gives when nothing is queued. */
export const DEFAULT_ANSWER = 'A grounded answer from the library. [1]';

/** Dimensions of the fake's embeddings. */
export const FAKE_EMBEDDING_DIMENSIONS = 256;

/** FNV-1a, for stable feature hashing. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Deterministic stand-in embeddings: hashed words and character trigrams,
 * so texts that share words point the same way. It is lexical similarity in
 * vector form, not a language model: good for testing the plumbing, not
 * for judging semantic retrieval.
 */
export function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(FAKE_EMBEDDING_DIMENSIONS).fill(0);
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const add = (feature: string, weight: number) => {
    const hash = fnv1a(feature);
    vector[hash % FAKE_EMBEDDING_DIMENSIONS]! += hash & 0x80000000 ? -weight : weight;
  };
  for (const word of words) {
    add(`w:${word}`, 1);
    for (let i = 0; i + 3 <= word.length; i++) add(`t:${word.slice(i, i + 3)}`, 0.3);
  }
  return vector;
}

const chunk = (model: string, delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_760_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`;

/**
 * A loopback stand-in for an OpenAI-compatible server (Ollama, vLLM, …),
 * speaking the wire format the real `openai` SDK expects: JSON errors, SSE
 * chat completion chunks ending in `data: [DONE]`, a usage chunk when
 * `stream_options.include_usage` is set, GET /v1/models and POST
 * /v1/embeddings.
 */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: RecordedOpenAiRequest[] = [];
  const queue: FakeChatReply[] = [];
  const fake = {
    models: ['llama3.1:8b', 'nomic-embed-text:latest'] as string[] | null,
    embeddingsStatus: null as number | null,
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (data) => (raw += data));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : null;
      const path = (req.url ?? '').split('?')[0]!;
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (req.method === 'GET' && path === '/v1/models') {
        if (!fake.models) return json(404, { error: { message: 'not found', type: 'not_found' } });
        return json(200, {
          object: 'list',
          data: fake.models.map((id) => ({
            id,
            object: 'model',
            created: 1_760_000_000,
            owned_by: 'library',
          })),
        });
      }
      if (req.method === 'POST' && path === '/v1/embeddings') {
        if (fake.embeddingsStatus)
          return json(fake.embeddingsStatus, {
            error: { message: 'embeddings unavailable', type: 'server_error' },
          });
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
        return json(200, {
          object: 'list',
          model: body.model,
          data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(text) })),
          usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
        });
      }
      if (req.method !== 'POST' || path !== '/v1/chat/completions')
        return json(404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });

      const reply = queue.shift() ?? { kind: 'answer', text: DEFAULT_ANSWER };
      if (reply.kind === 'http-error') {
        return json(
          reply.status,
          { error: { message: `fake error ${reply.status}`, type: 'server_error', code: null } },
          reply.headers,
        );
      }
      const model = body?.model ?? 'fake-model';
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk(model, { role: 'assistant', content: '' }));
      if (reply.kind === 'stream-error' || reply.kind === 'stall') {
        if (reply.afterText) res.write(chunk(model, { content: reply.afterText }));
        if (reply.kind === 'stall') return;
        res.end(
          `data: ${JSON.stringify({ error: { message: 'generation failed', type: 'server_error' } })}\n\n`,
        );
        return;
      }
      void (async () => {
        let sent = 0;
        for (const part of reply.text.match(/.{1,8}/gs) ?? []) {
          // Hold the rest back once `pauseAfter` characters are out, until the test resumes.
          if (reply.resume && sent >= (reply.pauseAfter ?? 0)) {
            await reply.resume;
            reply.resume = undefined;
          }
          res.write(chunk(model, { content: part }));
          sent += part.length;
        }
        res.write(chunk(model, {}, 'stop'));
        const usage =
          reply.usage === undefined
            ? { prompt_tokens: 900, completion_tokens: 40, cached_tokens: 600 }
            : reply.usage;
        if (body?.stream_options?.include_usage && usage) {
          res.write(
            `data: ${JSON.stringify({
              id: 'chatcmpl-fake',
              object: 'chat.completion.chunk',
              created: 1_760_000_000,
              model,
              choices: [],
              usage: {
                prompt_tokens: usage.prompt_tokens,
                completion_tokens: usage.completion_tokens,
                total_tokens: usage.prompt_tokens + usage.completion_tokens,
                prompt_tokens_details: { cached_tokens: usage.cached_tokens ?? 0 },
              },
            })}\n\n`,
          );
        }
        res.end('data: [DONE]\n\n');
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    enqueue: (...replies) => queue.push(...replies),
    get models() {
      return fake.models;
    },
    set models(value) {
      fake.models = value;
    },
    get embeddingsStatus() {
      return fake.embeddingsStatus;
    },
    set embeddingsStatus(value) {
      fake.embeddingsStatus = value;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The user turn of a chat request: numbered passages, then the question. */
export function userTurn(body: any): string {
  return body?.messages?.at(-1)?.content ?? '';
}

/** A loopback URL where nothing listens: a model server that is down. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}
