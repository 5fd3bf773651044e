import { describe, expect, it } from 'vitest';
import type { LanguageModel } from '../../../src/core/ports.js';
import { createFixtureTutor } from '../../fakes/fixture-tutor.js';

/** A model that streams the given snapshots of its text, then answers with the last one. */
function streaming(snapshots: string[], cite = true): LanguageModel {
  return {
    name: 'streaming',
    async generate(request) {
      for (const text of snapshots) request.onText?.(text);
      return {
        text: snapshots.at(-1)!,
        citedPassageIds: cite ? request.passages.slice(0, 1).map((p) => p.id) : [],
        usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 },
        model: 'streaming-model',
      };
    },
  };
}

describe('the tutor’s streaming callback', () => {
  it('never passes on the NOT_COVERED marker, not even its first letters', async () => {
    const { tutor } = await createFixtureTutor(streaming(['N', 'NOT_', 'NOT_COVERED', 'NOT_COVERED\n']));
    const seen: string[] = [];
    const reply = await tutor.ask({
      question: 'How many tokens is a word?',
      platform: 'slack',
      userId: 'u',
      onText: (t) => seen.push(t),
    });
    expect(seen).toEqual([]);
    expect(reply.mode).toBe('not-covered');
  });

  it('passes on an answer once it is clearly not the marker, from its start', async () => {
    const { tutor } = await createFixtureTutor(
      streaming(['N', 'No', 'Noted: about three quarters of a word.']),
    );
    const seen: string[] = [];
    await tutor.ask({
      question: 'How many tokens is a word?',
      platform: 'web',
      userId: 'u',
      onText: (t) => seen.push(t),
    });
    expect(seen).toEqual(['No', 'Noted: about three quarters of a word.']);
  });
});
