import type { ChatInputCommandInteraction } from 'discord.js';
import type { DiscordDeps } from '../discord-deps.js';
import { deferReply } from '../interactions/defer.js';

/** Said while the service runs without a newsletter. */
export const NEWSLETTER_UNAVAILABLE =
  "The weekly newsletter isn't available on this tutor yet. Ask whoever runs it to set it up, then try again.";

/**
 * Runs /subscribe or /unsubscribe through the NewsletterSignup port. Always
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
  if (!deps.newsletter) {
    await interaction.editReply({ content: NEWSLETTER_UNAVAILABLE, allowedMentions: { parse: [] } });
    return;
  }
  // Consent is recorded with where it was given, like "slack:T123" on Slack.
  const source = `discord:${interaction.guildId ?? 'dm'}`;
  const { message } = await deps.newsletter[action]({ email, source });
  await interaction.editReply({ content: message, allowedMentions: { parse: [] } });
}
