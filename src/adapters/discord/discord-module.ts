import type { ServiceModule } from '../../service-module.js';
import { connectInBackground } from './connect-in-background.js';
import { createDiscordBot } from './create-discord-bot.js';
import { discordDepsFrom } from './discord-deps.js';
import { discordStatus } from './discord-status.js';

/** Options of {@link createDiscordModule}; tests shorten the retry delays. */
export interface DiscordModuleOptions {
  retryDelaysMs?: readonly number[];
}

/**
 * The Discord adapter as a service module: on when DISCORD_TOKEN and
 * DISCORD_APPLICATION_ID are set. It holds one gateway connection and needs
 * no HTTP route (interactions arrive over the gateway).
 */
export function createDiscordModule(options: DiscordModuleOptions = {}): ServiceModule {
  return {
    name: 'discord',
    status: ({ config }) => discordStatus(config),
    async start({ container }) {
      const { config } = container;
      const deps = discordDepsFrom(container);
      const bot = createDiscordBot({
        token: config.DISCORD_TOKEN!,
        applicationId: config.DISCORD_APPLICATION_ID!,
        apiUrl: config.DISCORD_API_URL,
        deps,
      });
      const connection = connectInBackground(bot, {
        logger: deps.logger,
        retryDelaysMs: options.retryDelaysMs,
      });
      // No quiesce: Discord does not deliver an event again, so questions arriving while answers drain are
      // still answered (or apologised for when the budget runs out). The gateway closes after the drain.
      return {
        async stop() {
          // Not awaiting the connection: a login stuck waiting on Discord must not hold up shutdown.
          connection.stop();
          await bot.destroy();
        },
      };
    },
  };
}

/** The module as the service runs it. */
export const discordModule = createDiscordModule();
