import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPracticeStore } from '../../../src/core/memory/memory-practice-store.js';
import { createPracticeService } from '../../../src/core/practice/practice-service.js';
import { createReviewScheduler } from '../../../src/core/practice/review-scheduler.js';
import { practiceLibrary } from '../../core/practice/practice-library.js';
import { fixture, type Harness, IDS, startHarness } from './discord-harness.js';

const library = await practiceLibrary();
const itemByQuestion = (content: string) =>
  library.concepts.flatMap((c) => c.checkYourself).find((i) => content.includes(`**${i.question}**`))!;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start() {
  const practice = createPracticeService({
    store: createMemoryPracticeStore(),
    scheduler: createReviewScheduler(),
    clock: { now: () => new Date() },
    library: () => library,
    newId: randomUUID,
  });
  h = await startHarness({ practice, publicUrl: 'https://tutor.example.com' });
  return h;
}

const edited = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path === `/webhooks/${IDS.bot}/${token}/messages/@original`;

function command() {
  const base = fixture('interaction-subscribe');
  return { ...base, data: { ...base.data, name: 'practice', options: [] } };
}

function click(customId: string, userId?: string) {
  const base = fixture('interaction-feedback-button');
  const member = userId ? { ...base.member, user: { ...base.member.user, id: userId } } : base.member;
  return { ...base, member, data: { ...base.data, custom_id: customId } };
}

async function showQuestion(harness: Harness) {
  const slash = command();
  harness.dispatch('INTERACTION_CREATE', slash);
  const reply = await harness.api.waitFor(edited(slash.token));
  expect(harness.interactionCalls(slash)[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
  return reply.body as {
    content: string;
    components: Array<{ components: Array<{ custom_id: string; label: string }> }>;
  };
}

describe('Discord /practice', () => {
  it('shows a question privately with one button per option, and grades a click with feedback, next and stop', async () => {
    const harness = await start();
    const shown = await showQuestion(harness);
    const item = itemByQuestion(shown.content);
    const buttons = shown.components[0]!.components;
    expect(buttons.map((b) => b.label)).toEqual(['A', 'B', 'C', 'D'].slice(0, item.choices.length));
    expect(shown.content).toContain(`A. ${item.choices[0]}`);

    const answer = click(buttons[item.correct]!.custom_id);
    harness.dispatch('INTERACTION_CREATE', answer);
    const feedback = await harness.api.waitFor(edited(answer.token));
    expect(harness.interactionCalls(answer)[0]!.body).toEqual({ type: 6 });
    expect(feedback.body.content).toContain('✅ Right.');
    expect(feedback.body.content).toContain(item.explanation);
    expect(feedback.body.content).toMatch(/https:\/\/tutor\.example\.com\/concepts\/[\w-]+/);
    expect(feedback.body.components[0].components.map((b: { label: string }) => b.label)).toEqual([
      'Next question',
      'Stop',
    ]);

    const next = click('tutor:practice:next');
    harness.dispatch('INTERACTION_CREATE', next);
    const second = await harness.api.waitFor(edited(next.token));
    expect(itemByQuestion(second.body.content).id).not.toBe(item.id);

    const stop = click('tutor:practice:stop');
    harness.dispatch('INTERACTION_CREATE', stop);
    expect((await harness.api.waitFor(edited(stop.token))).body).toMatchObject({
      content: expect.stringMatching(/^Stopped/),
      components: [],
    });
  });

  it('grades a replayed click once: a second click on another option shows the first result', async () => {
    const harness = await start();
    const shown = await showQuestion(harness);
    const item = itemByQuestion(shown.content);
    const buttons = shown.components[0]!.components;
    const wrong = (item.correct + 1) % item.choices.length;
    const first = click(buttons[wrong]!.custom_id);
    harness.dispatch('INTERACTION_CREATE', first);
    expect((await harness.api.waitFor(edited(first.token))).body.content).toContain('❌ Not quite.');
    const again = click(buttons[item.correct]!.custom_id);
    harness.dispatch('INTERACTION_CREATE', again);
    expect((await harness.api.waitFor(edited(again.token))).body.content).toContain('❌ Not quite.');
  });

  it("refuses a forged showing and another user's click without grading", async () => {
    const harness = await start();
    const shown = await showQuestion(harness);
    const item = itemByQuestion(shown.content);
    const buttons = shown.components[0]!.components;
    const forged = click(`tutor:practice:answer:${randomUUID()}:0`);
    harness.dispatch('INTERACTION_CREATE', forged);
    expect((await harness.api.waitFor(edited(forged.token))).body.content).toMatch(/no longer open/);
    const stranger = click(buttons[item.correct]!.custom_id, '1190000000000000999');
    harness.dispatch('INTERACTION_CREATE', stranger);
    expect((await harness.api.waitFor(edited(stranger.token))).body.content).toMatch(/no longer open/);
    // The learner's own answer still counts as the first.
    const own = click(buttons[item.correct]!.custom_id);
    harness.dispatch('INTERACTION_CREATE', own);
    expect((await harness.api.waitFor(edited(own.token))).body.content).toContain('✅ Right.');
    // A malformed practice id is not ours: the stale-button reply.
    const bad = click('tutor:practice:answer:x:9');
    harness.dispatch('INTERACTION_CREATE', bad);
    await harness.api.waitFor(
      (r) => r.path.includes(bad.token) || r.path.includes(`/interactions/${bad.id}/`),
    );
  });
});

describe('Discord "Quiz me on this later"', () => {
  async function startWithRealLibrary() {
    const { readContentFiles } = await import('../../../src/adapters/content/fs-content.js');
    const practice = createPracticeService({
      store: createMemoryPracticeStore(),
      scheduler: createReviewScheduler(),
      clock: { now: () => new Date() },
      library: () => library,
      newId: randomUUID,
    });
    h = await startHarness({
      practice,
      contentFiles: await readContentFiles(new URL('../../../content/', import.meta.url).pathname),
    });
    return h;
  }

  it("queues the article's questions privately for whoever clicks, once, and /practice starts with them", async () => {
    const harness = await startWithRealLibrary();
    const later = click('tutor:practice:later:fine-tuning');
    harness.dispatch('INTERACTION_CREATE', later);
    const reply = await harness.api.waitFor(edited(later.token));
    expect(harness.interactionCalls(later)[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(reply.body.content).toMatch(/^Added \d+ questions about Fine-tuning to your practice/);
    const again = click('tutor:practice:later:fine-tuning');
    harness.dispatch('INTERACTION_CREATE', again);
    expect((await harness.api.waitFor(edited(again.token))).body.content).toMatch(/already in your practice/);
    const shown = await showQuestion(harness);
    expect(itemByQuestion(shown.content).id).toMatch(/^fine-tuning~/);
  });

  it('refuses an article with no questions, and a malformed slug is not a practice button', async () => {
    const harness = await startWithRealLibrary();
    const none = click('tutor:practice:later:no-such-article');
    harness.dispatch('INTERACTION_CREATE', none);
    expect((await harness.api.waitFor(edited(none.token))).body.content).toMatch(/no practice questions/);
    const bad = click('tutor:practice:later:../../etc');
    harness.dispatch('INTERACTION_CREATE', bad);
    await harness.api.waitFor(
      (r) => r.path.includes(bad.token) || r.path.includes(`/interactions/${bad.id}/`),
    );
    expect(harness.interactionCalls(bad).some((r) => JSON.stringify(r.body).includes('Added'))).toBe(false);
  });
});
