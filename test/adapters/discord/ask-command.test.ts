import { afterEach, describe, expect, it } from 'vitest';
import { APOLOGY } from '../../../src/core/chat/user-replies.js';
import { createMemoryQuestionLog } from '../../../src/core/memory/memory-question-log.js';
import { fixture, type Harness, IDS, startHarness } from './discord-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** An /ask interaction, as the gateway delivers it. */
function ask(question: string, extra: Array<{ name: string; type: number; value: unknown }> = []) {
  const base = fixture('interaction-ask');
  return {
    ...base,
    data: { ...base.data, options: [{ name: 'question', type: 3, value: question }, ...extra] },
  };
}

const isEditOriginal = (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path.endsWith('/messages/@original');
/** The edit that puts in the answer, not a streamed draft. */
const isFinalEdit = (r: { method: string; path: string; body: any }) =>
  isEditOriginal(r) && r.body.embeds?.[0]?.footer?.text !== '✍️ Writing the answer…';

describe('/ask', () => {
  it('defers within the deadline, streams a draft, then edits in the answer with linked sources and feedback buttons', async () => {
    h = await startHarness({ publicUrl: 'https://tutor.example.com/' });
    const release = h.model.hold();
    const interaction = ask('How many tokens is a word?');
    h.dispatch('INTERACTION_CREATE', interaction);
    // The deferral goes out while the model is still working on the answer, and the text so far shows up in the reply.
    await h.api.waitFor((r) => r.path.endsWith('/callback'));
    const draft = await h.api.waitFor(isEditOriginal);
    expect(draft.body.embeds[0]).toMatchObject({
      title: 'How many tokens is a word?',
      description: 'About three quarters of a word, so',
      footer: { text: '✍️ Writing the answer…' },
    });
    expect(draft.body.components).toBeUndefined();
    release();
    await h.api.waitFor((r) => isEditOriginal(r) && r.body.components?.length > 0);

    const calls = h.interactionCalls(interaction);
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /interactions/${interaction.id}/${interaction.token}/callback`,
      `PATCH /webhooks/${IDS.bot}/${interaction.token}/messages/@original`,
      `PATCH /webhooks/${IDS.bot}/${interaction.token}/messages/@original`,
    ]);
    // Type 5 is DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: "concept-tutor is thinking…", visible to the channel.
    expect(calls[0]!.body).toEqual({ type: 5, data: { flags: 0 } });
    // Interaction callbacks are authorised by the interaction token in the URL, never the bot token.
    expect(calls[0]!.headers.authorization).toBeUndefined();

    const edit = calls[2]!.body;
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    const [embed] = edit.embeds;
    expect(embed.title).toBe('How many tokens is a word?');
    expect(embed.description).toBe('About three quarters of a word, so 100 tokens are roughly 75 words.');
    expect(embed.footer).toBeUndefined();
    expect(embed.fields).toEqual([
      {
        name: 'Sources',
        value: '• [Token](https://tutor.example.com/concepts/token) — How many tokens is a word?',
      },
    ]);

    const [logged] = await h.log.recent({ limit: 1 });
    expect(logged).toMatchObject({ platform: 'discord', mode: 'ai', covered: true });
    expect(logged!.userHash).not.toContain(IDS.user);
    expect(edit.components[0].components.map((b: any) => [b.emoji.name, b.custom_id])).toEqual([
      ['👍', `tutor:feedback:up:${logged!.id}`],
      ['👎', `tutor:feedback:down:${logged!.id}`],
    ]);
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('names sources without links when PUBLIC_URL is not set', async () => {
    h = await startHarness();
    h.dispatch('INTERACTION_CREATE', ask('How many tokens is a word?'));
    const edit = await h.api.waitFor((r) => isEditOriginal(r) && r.body.components?.length > 0);
    expect(edit.body.embeds[0].fields).toEqual([
      { name: 'Sources', value: '• **Token** — How many tokens is a word?' },
    ]);
  });

  it('answers privately when asked to', async () => {
    h = await startHarness();
    h.dispatch(
      'INTERACTION_CREATE',
      ask('How many tokens is a word?', [{ name: 'private', type: 5, value: true }]),
    );
    await h.api.waitFor(isFinalEdit);
    const callback = h.api.requests.find((r) => r.path.endsWith('/callback'))!;
    expect(callback.body).toEqual({ type: 5, data: { flags: 64 } });
  });

  it('splits a long answer over follow-ups without breaking its code block, buttons on the last part only', async () => {
    h = await startHarness();
    const code = Array.from(
      { length: 140 },
      (_, i) => `tokens_${i} = count_tokens("line ${i} of a long prompt")`,
    ).join('\n');
    const prose = Array.from(
      { length: 40 },
      (_, i) => `Paragraph ${i}: a token is about three quarters of a word, and costs add up per token.`,
    ).join('\n\n');
    const answer = `${prose}\n\n\`\`\`python\n${code}\n\`\`\`\n\nThat is the whole example.`;
    h.model.enqueue(answer);
    const interaction = ask('How many tokens is a word?');
    h.dispatch('INTERACTION_CREATE', interaction);
    await h.api.waitFor(
      (r) => r.method === 'POST' && r.path.endsWith(interaction.token) && r.body.components?.length > 0,
    );

    const parts = h
      .interactionCalls(interaction)
      .filter((r) => r.method !== 'POST' || !r.path.endsWith('/callback'));
    expect(parts[0]!.method).toBe('PATCH');
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const descriptions = parts.map((p) => p.body.embeds[0].description as string);
    for (const d of descriptions) {
      expect(d.length).toBeLessThanOrEqual(4096);
      expect(d.match(/^```/gm)?.length ?? 0, `unbalanced fences in:\n${d.slice(0, 200)}`).toSatisfy(
        (n: number) => n % 2 === 0,
      );
    }
    // Every code line arrives, each inside a python block.
    const joined = descriptions.join('\n');
    for (let i = 0; i < 140; i++) expect(joined).toContain(`tokens_${i} = count_tokens`);
    expect(descriptions.slice(1).some((d) => d.startsWith('```python\n'))).toBe(true);
    expect(parts.map((p) => Boolean(p.body.components?.length))).toEqual([
      ...parts.slice(1).map(() => false),
      true,
    ]);
    expect(parts.at(-1)!.body.embeds[0].fields[0].name).toBe('Sources');
  });

  it('answers honestly when the library does not cover the question, linking the closest topics', async () => {
    h = await startHarness({ publicUrl: 'https://tutor.example.com' });
    h.dispatch('INTERACTION_CREATE', ask('What is the capital of Peru?'));
    const edit = await h.api.waitFor(isFinalEdit);
    const [embed] = edit.body.embeds;
    expect(embed.description).toMatch(/couldn't find this in the tutor's library/);
    expect(embed.color).toBe(0x99aab5);
    expect(embed.fields?.find((f: any) => f.name === 'Sources')).toBeUndefined();
    expect(h.model.requests).toHaveLength(0);
    const [logged] = await h.log.recent({ limit: 1 });
    expect(logged).toMatchObject({ covered: false, platform: 'discord' });
  });

  it('tells a rate-limited person privately, removing the public placeholder', async () => {
    h = await startHarness({ limits: { perUser: 1, windowMs: 3_600_000, dailyTokenBudget: 0 } });
    h.dispatch('INTERACTION_CREATE', ask('How many tokens is a word?'));
    await h.api.waitFor(isFinalEdit);
    const second = ask('What does temperature do?');
    h.dispatch('INTERACTION_CREATE', second);
    const followUp = await h.api.waitFor(
      (r) => r.method === 'POST' && r.path === `/webhooks/${IDS.bot}/${second.token}`,
    );

    expect(h.interactionCalls(second).map((r) => r.method)).toEqual(['POST', 'DELETE', 'POST']);
    expect(followUp.body.flags).toBe(64);
    expect(followUp.body.content).toMatch(
      /You've asked 1 questions in the last 60 minutes, which is the limit/,
    );
    expect(h.model.requests).toHaveLength(1);
  });

  it('says when the shared daily budget is spent, and still answers from the library', async () => {
    const log = createMemoryQuestionLog();
    await log.record({
      text: 'earlier',
      platform: 'discord',
      userHash: 'someone',
      mode: 'ai',
      covered: true,
      sources: [],
      usage: { inputTokens: 90, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0 },
      latencyMs: 1,
    });
    h = await startHarness({
      questionLog: log,
      limits: { perUser: 0, windowMs: 60_000, dailyTokenBudget: 100 },
    });
    const interaction = ask('How many tokens is a word?');
    h.dispatch('INTERACTION_CREATE', interaction);
    const edit = await h.api.waitFor((r) => isFinalEdit(r) && r.path.includes(interaction.token));
    expect(h.model.requests).toHaveLength(0);
    expect(edit.body.embeds[0].footer.text).toMatch(/budget|today/i);
    expect(edit.body.embeds[0].fields[0].name).toBe('Sources');
  });

  it('shows the shared apology, never the internal error, and logs it', async () => {
    h = await startHarness();
    h.deps.tutor = {
      ask: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7:5432');
      },
    };
    const interaction = ask('How many tokens is a word?');
    h.dispatch('INTERACTION_CREATE', interaction);
    const followUp = await h.api.waitFor(
      (r) => r.method === 'POST' && r.path === `/webhooks/${IDS.bot}/${interaction.token}`,
    );
    expect(followUp.body).toMatchObject({ content: APOLOGY, flags: 64 });
    expect(JSON.stringify(h.api.requests.map((r) => r.body))).not.toContain('ECONNREFUSED');
    expect(h.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'interaction failed',
        fields: expect.objectContaining({
          component: 'discord',
          error: expect.stringContaining('ECONNREFUSED'),
        }),
      }),
    );
  });

  it('gives up quietly when the interaction expired before it could be deferred', async () => {
    h = await startHarness();
    const interaction = ask('How many tokens is a word?');
    h.api.override(/\/callback$/, { status: 404, body: { message: 'Unknown interaction', code: 10062 } });
    h.dispatch('INTERACTION_CREATE', interaction);
    await expect
      .poll(() => h!.logger.lines.find((l) => l.level === 'warn')?.message)
      .toMatch(/expired before it could be deferred/);
    expect(h.interactionCalls(interaction).map((r) => r.method)).toEqual(['POST']);
    expect(h.model.requests).toHaveLength(0);
  });
});
