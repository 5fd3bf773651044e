import { afterEach, describe, expect, it } from 'vitest';
import {
  NEWSLETTER_UNAVAILABLE,
  unsubscribeElsewhere,
} from '../../../src/adapters/discord/commands/newsletter-action.js';
import { UserFacingError } from '../../../src/core/errors.js';
import type { NewsletterSignup } from '../../../src/core/ports.js';
import { fixture, type Harness, IDS, startHarness } from './discord-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A hand-written NewsletterSignup that records its calls and refuses addresses without an @, as the real one does. */
function recordingNewsletter() {
  const calls: Array<{ action: string; email: string; source: string }> = [];
  const handle =
    (action: string) =>
    async ({ email, source }: { email: string; source: string }) => {
      calls.push({ action, email, source });
      if (!email.includes('@'))
        throw new UserFacingError(
          'EMAIL_INVALID',
          `"${email}" is not an email address. Use the form name@example.com.`,
        );
      return {
        message:
          action === 'subscribe'
            ? 'Check your inbox to confirm.'
            : "You won't get the digest at that address any more.",
      };
    };
  const newsletter: NewsletterSignup = { subscribe: handle('subscribe'), unsubscribe: handle('unsubscribe') };
  return { newsletter, calls };
}

function command(name: 'subscribe' | 'unsubscribe', email: string, patch: Record<string, unknown> = {}) {
  const base = fixture('interaction-subscribe', patch);
  return { ...base, data: { ...base.data, name, options: [{ name: 'email', type: 3, value: email }] } };
}

const editOf = (token: string) => (r: { method: string; path: string }) =>
  r.method === 'PATCH' && r.path === `/webhooks/${IDS.bot}/${token}/messages/@original`;

describe('/subscribe and /unsubscribe', () => {
  it('subscribe goes through the newsletter port, privately, recording where consent was given', async () => {
    const { newsletter, calls } = recordingNewsletter();
    h = await startHarness({ newsletter });
    const interaction = command('subscribe', ' ada@example.com ');
    h.dispatch('INTERACTION_CREATE', interaction);
    const edit = await h.api.waitFor(editOf(interaction.token));
    expect(h.interactionCalls(interaction)[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(calls).toEqual([
      { action: 'subscribe', email: 'ada@example.com', source: `discord:${IDS.guild}` },
    ]);
    expect(edit.body.content).toBe('Check your inbox to confirm.');
  });

  it('unsubscribe never acts on a typed address (Discord cannot vouch for it) and points to the email link', async () => {
    const { newsletter, calls } = recordingNewsletter();
    h = await startHarness({ newsletter, publicUrl: 'https://tutor.example.com' });
    const dm = fixture('interaction-subscribe');
    const interaction = command('unsubscribe', 'someone-else@example.com', {
      guild_id: undefined,
      guild: undefined,
      member: undefined,
      user: dm.member.user,
      context: 1,
      channel: { id: IDS.dmChannel, type: 1, flags: 0, last_message_id: null, recipients: [dm.member.user] },
      channel_id: IDS.dmChannel,
    });
    h.dispatch('INTERACTION_CREATE', interaction);
    const edit = await h.api.waitFor(editOf(interaction.token));
    expect(calls).toEqual([]);
    expect(h.interactionCalls(interaction)[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(edit.body.content).toBe(unsubscribeElsewhere('https://tutor.example.com'));
    expect(edit.body.content).toContain('unsubscribe link at the bottom of any digest email');
    expect(edit.body.content).toContain('https://tutor.example.com/newsletter/manage');
  });

  it("shows the port's message for an invalid address", async () => {
    const { newsletter } = recordingNewsletter();
    h = await startHarness({ newsletter });
    const interaction = command('subscribe', 'ada-at-example');
    h.dispatch('INTERACTION_CREATE', interaction);
    const edit = await h.api.waitFor(editOf(interaction.token));
    expect(edit.body.content).toBe(
      '"ada-at-example" is not an email address. Use the form name@example.com.',
    );
  });

  it('says the newsletter is not available yet while there is none', async () => {
    h = await startHarness({ newsletter: null });
    const interaction = command('subscribe', 'ada@example.com');
    h.dispatch('INTERACTION_CREATE', interaction);
    const edit = await h.api.waitFor(editOf(interaction.token));
    expect(edit.body.content).toBe(NEWSLETTER_UNAVAILABLE);
    expect(h.api.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/webhooks/'))).toEqual([]);
  });
});
