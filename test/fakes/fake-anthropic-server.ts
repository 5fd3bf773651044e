import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received. */
export interface RecordedAnthropicRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A search_result block as the fake reads it from a request. */
export interface FakeSearchResult {
  source: string;
  title: string;
  content: Array<{ text: string }>;
}

/** Sources a text block cites: fixed ids, or picked from the request's search results when it arrives. */
export type FakeCitations = string[] | ((results: FakeSearchResult[]) => string[]);

/** What the fake does with the next request. */
export type FakeAnthropicReply =
  | {
      kind: 'answer';
      blocks: Array<{ text: string; cite?: FakeCitations }>;
      usage?: Partial<FakeUsage>;
      /** Awaited after the first streamed piece of text: holds the answer half-written. */
      midway?: Promise<void>;
    }
  | { kind: 'http-error'; status: number; errorType: string; headers?: Record<string, string> }
  | { kind: 'stream-error'; errorType: string; afterText?: string };

interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

/** A running fake Messages API. */
export interface FakeAnthropicServer {
  url: string;
  requests: RecordedAnthropicRequest[];
  /**
   * Queues replies for the next Messages requests; when empty, it answers
   * citing the first search result. Token counting (/v1/messages/count_tokens)
   * takes no reply from the queue.
   */
  enqueue(...replies: FakeAnthropicReply[]): void;
  /** Holds every reply back, like a slow model, until the returned function is called. A client that gives up meanwhile gets nothing. */
  hold(): () => void;
  close(): Promise<void>;
}

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * A loopback stand-in for the Anthropic Messages API, speaking the real wire
 * format (JSON errors, SSE streams with citations_delta events) so the real
 * SDK can be pointed at it with `baseURL`. It also answers token counting
 * (/v1/messages/count_tokens), with an estimate of one token per four
 * characters of the request's text: the real tokenizer is not public.
 */
export async function startFakeAnthropicServer(): Promise<FakeAnthropicServer> {
  const requests: RecordedAnthropicRequest[] = [];
  const queue: FakeAnthropicReply[] = [];
  let gate: Promise<void> = Promise.resolve();
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', async () => {
      const body = raw ? JSON.parse(raw) : null;
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/v1/messages/count_tokens')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ input_tokens: estimateTokens(body) }));
        return;
      }
      const reply = queue.shift() ?? defaultReply(body);
      await gate;
      if (res.destroyed) return;
      if (reply.kind === 'http-error') {
        res.writeHead(reply.status, {
          'content-type': 'application/json',
          'x-should-retry': reply.status >= 500 || reply.status === 429 ? 'true' : 'false',
          ...reply.headers,
        });
        res.end(
          JSON.stringify({
            type: 'error',
            error: { type: reply.errorType, message: `fake ${reply.errorType}` },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const usage: FakeUsage = {
        input_tokens: 120,
        output_tokens: 1,
        cache_read_input_tokens: 80,
        cache_creation_input_tokens: 0,
      };
      const model = body?.model ?? 'fake-model';
      res.write(
        sse('message_start', {
          type: 'message_start',
          message: {
            id: 'msg_fake',
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { ...usage, ...(reply.kind === 'answer' ? reply.usage : {}) },
          },
        }),
      );
      if (reply.kind === 'stream-error') {
        if (reply.afterText) {
          res.write(
            sse('content_block_start', {
              type: 'content_block_start',
              index: 0,
              content_block: { type: 'text', text: '', citations: [] },
            }),
          );
          res.write(
            sse('content_block_delta', {
              type: 'content_block_delta',
              index: 0,
              delta: { type: 'text_delta', text: reply.afterText },
            }),
          );
        }
        res.end(sse('error', { type: 'error', error: { type: reply.errorType, message: 'Overloaded' } }));
        return;
      }
      const results = searchResults(body);
      for (const [index, block] of reply.blocks.entries()) {
        res.write(
          sse('content_block_start', {
            type: 'content_block_start',
            index,
            content_block: { type: 'text', text: '', citations: [] },
          }),
        );
        for (const [n, part] of (block.text.match(/.{1,12}/gs) ?? []).entries()) {
          res.write(
            sse('content_block_delta', {
              type: 'content_block_delta',
              index,
              delta: { type: 'text_delta', text: part },
            }),
          );
          if (index === 0 && n === 0 && reply.midway) {
            await reply.midway;
            if (res.destroyed) return;
          }
        }
        const cited = typeof block.cite === 'function' ? block.cite(results) : (block.cite ?? []);
        for (const source of cited) {
          const i = results.findIndex((r) => r.source === source);
          const citation = {
            type: 'search_result_location',
            source,
            title: results[i]?.title ?? null,
            cited_text: results[i]?.content?.[0]?.text ?? '',
            search_result_index: Math.max(i, 0),
            start_block_index: 0,
            end_block_index: 1,
          };
          res.write(
            sse('content_block_delta', {
              type: 'content_block_delta',
              index,
              delta: { type: 'citations_delta', citation },
            }),
          );
        }
        res.write(sse('content_block_stop', { type: 'content_block_stop', index }));
      }
      const outputTokens = reply.usage?.output_tokens ?? 42;
      res.write(
        sse('message_delta', {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { output_tokens: outputTokens },
        }),
      );
      res.end(sse('message_stop', { type: 'message_stop' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The search_result blocks of the last user turn. */
export function searchResults(body: any): FakeSearchResult[] {
  const last = body?.messages?.at(-1);
  return Array.isArray(last?.content) ? last.content.filter((b: any) => b.type === 'search_result') : [];
}

function defaultReply(body: any): FakeAnthropicReply {
  const first = searchResults(body)[0];
  return {
    kind: 'answer',
    blocks: [{ text: 'A grounded answer from the library.', cite: first ? [first.source] : [] }],
  };
}

/** Cites the first search result of each concept (`slug#section` sources), as a model answering from all of them would. */
export function firstOfEachConcept(results: FakeSearchResult[]): string[] {
  const seen = new Set<string>();
  return results.flatMap(({ source }) => {
    const slug = source.split('#')[0]!;
    if (seen.has(slug)) return [];
    seen.add(slug);
    return [source];
  });
}

/** Fields that are protocol, not prompt text. */
const NOT_TEXT = new Set(['type', 'role', 'model', 'cache_control', 'citations']);

/** A chars/4 estimate of a request's tokens: every string in system, messages and tools. */
export function estimateTokens(body: any): number {
  let chars = 0;
  const walk = (value: unknown): void => {
    if (typeof value === 'string') chars += value.length;
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) if (!NOT_TEXT.has(key)) walk(inner);
  };
  walk([body?.system, body?.messages, body?.tools]);
  return Math.ceil(chars / 4);
}
