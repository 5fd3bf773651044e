import { describe, expect, it } from 'vitest';
import { splitMarkdown } from '../../../src/core/chat/split-markdown.js';

/** Every chunk must have balanced fences. */
function fencesBalanced(chunk: string): boolean {
  return (chunk.match(/^\s*```/gm) ?? []).length % 2 === 0;
}

describe('splitMarkdown', () => {
  it('returns short text as one chunk', () => {
    expect(splitMarkdown('hello world', 100)).toEqual(['hello world']);
  });

  it('splits at paragraph boundaries under the limit', () => {
    const text = Array.from({ length: 10 }, (_, i) => `Paragraph ${i} ${'word '.repeat(15)}`.trim()).join(
      '\n\n',
    );
    const chunks = splitMarkdown(text, 200);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(200);
    expect(chunks.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    for (const chunk of chunks) expect(chunk).toMatch(/^Paragraph \d/);
  });

  it('never leaves a code block open: closes and reopens it with its language', () => {
    const code = Array.from({ length: 40 }, (_, i) => `const line${i} = ${i};`).join('\n');
    const text = `Intro paragraph.\n\n\`\`\`ts\n${code}\n\`\`\`\n\nOutro paragraph.`;
    const chunks = splitMarkdown(text, 300);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(300);
      expect(fencesBalanced(chunk)).toBe(true);
    }
    expect(chunks[1]).toMatch(/^```ts\n/);
    // No code line is lost or cut in half.
    const joined = chunks.join('\n');
    for (let i = 0; i < 40; i++) expect(joined).toContain(`const line${i} = ${i};`);
    expect(chunks.at(-1)).toMatch(/Outro paragraph\.$/);
  });

  it('hard-splits a single overlong word', () => {
    const chunks = splitMarkdown('x'.repeat(250), 100);
    expect(chunks.every((c) => c.length <= 100)).toBe(true);
    expect(chunks.join('')).toBe('x'.repeat(250));
  });
});
