import { type Client, Events, type Interaction } from 'discord.js';
import { UserFacingError } from '../../../core/errors.js';
import { buttonHandlers, modalHandlers } from '../components/index.js';
import { replyWithError } from '../interactions/reply-with-error.js';
import type { EventContext } from './event-context.js';

/** Routes slash commands, autocomplete, buttons and modals to their one handler each. */
export function registerInteractionCreate(client: Client, context: EventContext): void {
  client.on(Events.InteractionCreate, (interaction) => {
    // In flight until answered: a graceful stop waits for it, or aborts `signal` to finish with an apology.
    void context.deps.inFlight.run(async (signal) => {
      try {
        await route(interaction, context, signal);
      } catch (error) {
        await replyWithError(interaction, error, context.deps.logger);
      }
    });
  });
}

const STALE =
  'This no longer works: the tutor was updated since. Whoever runs it should run `tutor discord register` to refresh the commands.';

async function route(
  interaction: Interaction,
  { deps, commands }: EventContext,
  signal: AbortSignal,
): Promise<void> {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    const command = commands.get(interaction.commandName);
    if (!command) {
      deps.logger.warn('command is registered but not handled; run `tutor discord register`', {
        command: interaction.commandName,
      });
      throw new UserFacingError('DISCORD_UNKNOWN_COMMAND', STALE);
    }
    if (interaction.isAutocomplete())
      await (command.autocomplete ? command.autocomplete(interaction, deps) : interaction.respond([]));
    else await command.execute(interaction, deps, signal);
    return;
  }
  if (interaction.isButton()) {
    const handler = buttonHandlers.find((h) => h.matches(interaction.customId));
    if (!handler) throw new UserFacingError('DISCORD_UNKNOWN_COMPONENT', STALE);
    await handler.handle(interaction, deps);
    return;
  }
  if (interaction.isModalSubmit()) {
    const handler = modalHandlers.find((h) => h.matches(interaction.customId));
    if (!handler) throw new UserFacingError('DISCORD_UNKNOWN_COMPONENT', STALE);
    await handler.handle(interaction, deps);
  }
}
