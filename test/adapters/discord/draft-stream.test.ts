import { describe, expect, it } from 'vitest';
import { createDraftStream } from '../../../src/adapters/discord/interactions/draft-stream.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';

/** A hand-written stand-in for the interaction's editReply that records each edit's description. */
function recordingInteraction(fail = false) {
  const edits: string[] = [];
  return {
    edits,
    interaction: {
      id: '1190000000000001001',
      editReply: async (reply: any) => {
        if (fail) throw new Error('Missing Access');
        edits.push(reply.embeds[0].description);
        return reply;
      },
    } as any,
  };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createDraftStream', () => {
  it('sends at most one edit per interval, with the latest text', async () => {
    const { interaction, edits } = recordingInteraction();
    const stream = createDraftStream(interaction, {
      question: 'q',
      intervalMs: 20,
      logger: createRecordingLogger(),
    });
    stream.draft('A');
    stream.draft('A token');
    stream.draft('A token is');
    await tick(40);
    stream.draft('A token is a piece');
    await stream.finish();
    expect(edits).toEqual(['A token is']);
    expect(stream.shown).toBe(true);
  });

  it('never shows the not-covered marker, and closes an open code block', async () => {
    const { interaction, edits } = recordingInteraction();
    const stream = createDraftStream(interaction, {
      question: 'q',
      intervalMs: 1,
      logger: createRecordingLogger(),
    });
    stream.draft('NOT_COV');
    await tick(10);
    stream.draft('Example:\n```python\nprint(1)');
    await tick(10);
    await stream.finish();
    expect(edits).toEqual(['Example:\n```python\nprint(1)\n```']);
  });

  it('sends nothing after finish, and logs a failed edit instead of throwing', async () => {
    const logger = createRecordingLogger();
    const failing = recordingInteraction(true);
    const stream = createDraftStream(failing.interaction, { question: 'q', intervalMs: 1, logger });
    stream.draft('partial');
    await tick(10);
    await stream.finish();
    stream.draft('late');
    await tick(10);
    expect(stream.shown).toBe(false);
    expect(logger.lines.map((l) => l.message)).toEqual(['discord: could not stream a draft into the reply']);
  });
});
