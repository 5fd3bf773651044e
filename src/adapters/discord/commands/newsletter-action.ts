import type { ChatInputCommandInteraction } from 'discord.js';
import type { DiscordDeps } from '../discord-deps.js';
import { deferReply } from '../interactions/defer.js';

/** Said while the service runs without a newsletter. */
export const NEWSLETTER_UNAVAILABLE =
  "The weekly newsletter isn't available on this tutor yet. Ask whoever runs it to set it up, then try again.";

/**
 * Said to /unsubscribe. Discord does not tell a bot anyone's email address,
 * so nothing here can show that an address belongs to the person typing it,
 * and unsubscribing whatever address is typed would let anyone unsubscribe
 * anyone. The digest's own link proves the mailbox instead.
 */
export function unsubscribeElsewhere(publicUrl: string | undefined): string {
  const manage = publicUrl
    ? ` You can also ask for a link by email at ${publicUrl.replace(/\/+$/, '')}/newsletter/manage.`
    : '';
  return `I can't check on Discord that an address is yours, so I can't unsubscribe it from here. Use the unsubscribe link at the bottom of any digest email instead: it works in one click.${manage}`;
}

/**
 * Runs /subscribe through the NewsletterSignup port (it is double opt-in:
 * the confirmation goes to the address, so any address is safe to give),
 * and answers /unsubscribe with where to unsubscribe instead. Always
 * ephemeral: an email address is personal and has no business in a channel.
 * The port's reply is the same whether or not the address is known, and its
 * UserFacingErrors (an invalid address) reach the person through the router.
 */
export async function runNewsletterAction(
  interaction: ChatInputCommandInteraction,
  deps: DiscordDeps,
  action: 'subscribe' | 'unsubscribe',
): Promise<void> {
  const email = interaction.options.getString('email', true).trim();
  if (!(await deferReply(interaction, { ephemeral: true }, deps.logger))) return;
  if (action === 'unsubscribe') {
    await interaction.editReply({
      content: unsubscribeElsewhere(deps.publicUrl),
      allowedMentions: { parse: [] },
    });
    return;
  }
  if (!deps.newsletter) {
    await interaction.editReply({ content: NEWSLETTER_UNAVAILABLE, allowedMentions: { parse: [] } });
    return;
  }
  // Consent is recorded with where it was given, like "slack:T123" on Slack.
  const source = `discord:${interaction.guildId ?? 'dm'}`;
  // Discord cannot vouch for the address, so the learner is linked only when its confirmation
  // link is used (docs/practice.md): the same reply whatever the address.
  const { message } = await deps.newsletter.subscribe({
    email,
    source,
    learner: deps.learnerOf(interaction.user.id),
  });
  await interaction.editReply({ content: message, allowedMentions: { parse: [] } });
}
