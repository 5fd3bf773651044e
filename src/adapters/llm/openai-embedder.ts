import type OpenAI from 'openai';
import type { Embedder } from '../../core/retrieval/embedding-ports.js';

/**
 * Embeddings from an OpenAI-compatible server (Ollama's nomic-embed-text,
 * vLLM, OpenAI's text-embedding-3-small…). Floats are asked for explicitly:
 * the SDK would otherwise request base64, which not every server speaks.
 */
export function createOpenAiEmbedder(client: OpenAI, model: string): Embedder {
  return {
    name: `openai:${model}`,
    async embed(texts, options = {}) {
      if (texts.length === 0) return [];
      const response = await client.embeddings.create(
        { model, input: [...texts], encoding_format: 'float' },
        options.signal ? { signal: options.signal } : {},
      );
      const data = [...response.data].sort((a, b) => a.index - b.index);
      if (data.length !== texts.length)
        throw new Error(`the embeddings endpoint returned ${data.length} vectors for ${texts.length} texts`);
      return data.map((d) => Float32Array.from(d.embedding));
    },
  };
}
