import { afterEach, describe, expect, it } from 'vitest';
import { EXPLAIN_STALE_DISCORD } from '../../../src/adapters/discord/render/explain-reply.js';
import { createMemoryQuestionLog } from '../../../src/core/memory/memory-question-log.js';
import { createExplainBack } from '../../../src/core/practice/explain-back/explain-back-service.js';
import { RAG_EXPLANATIONS } from '../../core/practice/explain-back/explanations.js';
import { practiceLibrary } from '../../core/practice/practice-library.js';
import { createRecordingLogger } from '../../fakes/recording-logger.js';
import { fixture, type Harness, IDS, startHarness } from './discord-harness.js';

const library = await practiceLibrary();

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start() {
  // Over the real library (its articles have key ideas and prompts); no model: the automatic check.
  const explainBack = createExplainBack({
    library: () => library,
    llm: null,
    questionLog: createMemoryQuestionLog(),
    logger: createRecordingLogger(),
    clock: { now: () => new Date() },
    userSalt: 'discord-test-salt-0123',
    maxTokens: 500,
  });
  h = await startHarness({ explainBack, publicUrl: 'https://tutor.example.com' });
  return h;
}

const edited = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path === `/webhooks/${IDS.bot}/${token}/messages/@original`;

function command(concept: string, explanation: string) {
  const base = fixture('interaction-subscribe');
  return {
    ...base,
    data: {
      ...base.data,
      name: 'explain',
      options: [
        { name: 'concept', type: 3, value: concept },
        { name: 'explanation', type: 3, value: explanation },
      ],
    },
  };
}

function click(customId: string, userId?: string) {
  const base = fixture('interaction-feedback-button');
  const member = userId ? { ...base.member, user: { ...base.member.user, id: userId } } : base.member;
  return { ...base, member, data: { ...base.data, custom_id: customId } };
}

async function explain(harness: Harness, concept: string, explanation: string) {
  const slash = command(concept, explanation);
  harness.dispatch('INTERACTION_CREATE', slash);
  const reply = await harness.api.waitFor(edited(slash.token));
  // Deferred privately (type 5, ephemeral flag 64) before grading.
  expect(harness.interactionCalls(slash)[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
  return reply.body as {
    content: string;
    components: Array<{ components: Array<{ custom_id: string; label: string }> }>;
  };
}

async function press(harness: Harness, customId: string, userId?: string) {
  const interaction = click(customId, userId);
  harness.dispatch('INTERACTION_CREATE', interaction);
  const reply = await harness.api.waitFor(edited(interaction.token));
  expect(harness.interactionCalls(interaction)[0]!.body).toEqual({ type: 6 });
  return reply.body as { content: string; components: unknown[] };
}

describe('Discord /explain', () => {
  it('replies privately with hints and a button that reveals the full feedback in place', async () => {
    const harness = await start();
    const hints = await explain(harness, 'rag', RAG_EXPLANATIONS.partial);
    expect(hints.content).toContain('**Explain it back: Retrieval-augmented generation (RAG)**');
    expect(hints.content).toContain('Automatic check — no AI model configured');
    expect(hints.content).toContain('What can go wrong with Retrieval-augmented generation (RAG)');
    expect(hints.content).not.toContain('Garbage in, garbage out');
    const button = hints.components[0]!.components[0]!;
    expect(button.label).toBe('Show what I missed');
    expect(button.custom_id).toMatch(/^tutor:explain:reveal:[0-9a-f]{32}$/);

    const full = await press(harness, button.custom_id);
    expect(full.content).toContain('**What is missing**');
    expect(full.content).toContain('Garbage in, garbage out');
    expect(full.content).toContain('(<https://tutor.example.com/concepts/rag#common-pitfalls>)');
    expect(full.content.length).toBeLessThanOrEqual(2000);
    expect(full.components).toEqual([]);
    // A replayed click shows the same feedback again.
    expect((await press(harness, button.custom_id)).content).toBe(full.content);
  });

  it('never reveals someone else’s feedback, and answers a forged or stale button in place', async () => {
    const harness = await start();
    const hints = await explain(harness, 'rag', RAG_EXPLANATIONS.partial);
    const id = hints.components[0]!.components[0]!.custom_id;
    expect((await press(harness, id, '1190000000000000099')).content).toBe(EXPLAIN_STALE_DISCORD);
    expect((await press(harness, 'tutor:explain:reveal:nothex')).content).toBe(EXPLAIN_STALE_DISCORD);
    expect((await press(harness, `tutor:explain:reveal:${'0'.repeat(32)}`)).content).toBe(
      EXPLAIN_STALE_DISCORD,
    );
  });

  it('tells the learner what to fix: an unknown concept (with close slugs), an empty or too-long explanation', async () => {
    const harness = await start();
    expect((await explain(harness, 'embedings', RAG_EXPLANATIONS.partial)).content).toContain(
      'Did you mean embeddings?',
    );
    expect((await explain(harness, 'rag', '   ')).content).toContain('Write your explanation first');
    expect((await explain(harness, 'rag', 'word '.repeat(300))).content).toContain('the limit is 1,200');
  });

  it('autocompletes the concept option from the library', async () => {
    const harness = await start();
    const base = fixture('interaction-concept-autocomplete');
    const interaction = {
      ...base,
      data: {
        ...base.data,
        name: 'explain',
        options: [
          { name: 'concept', type: 3, value: 'tok', focused: true },
          { name: 'explanation', type: 3, value: '' },
        ],
      },
    };
    harness.dispatch('INTERACTION_CREATE', interaction);
    const callback = await harness.api.waitFor(
      (r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
    );
    expect(callback.body.type).toBe(8);
    expect(callback.body.data.choices).toContainEqual({ name: 'Token', value: 'token' });
  });
});
