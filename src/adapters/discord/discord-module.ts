import type { ServiceModule } from '../../service-module.js';
import { connectInBackground } from './connect-in-background.js';
import { createDiscordBot } from './create-discord-bot.js';
import { discordDepsFrom } from './discord-deps.js';

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
    status({ config }) {
      const token = Boolean(config.DISCORD_TOKEN);
      const application = Boolean(config.DISCORD_APPLICATION_ID);
      if (token && application) return { on: true, detail: 'mentions, DMs, /ask, /concept, /subscribe, /unsubscribe' };
      if (token) return { on: false, detail: 'DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not; set both (docs/discord.md)' };
      if (application) return { on: false, detail: 'DISCORD_APPLICATION_ID is set but DISCORD_TOKEN is not; set both (docs/discord.md)' };
      return { on: false, detail: 'set DISCORD_TOKEN and DISCORD_APPLICATION_ID to turn it on' };
    },
    async start({ container }) {
      const { config, logger } = container;
      const bot = createDiscordBot({
        token: config.DISCORD_TOKEN!,
        applicationId: config.DISCORD_APPLICATION_ID!,
        apiUrl: config.DISCORD_API_URL,
        deps: discordDepsFrom(container),
      });
      const connection = connectInBackground(bot, { logger, retryDelaysMs: options.retryDelaysMs });
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
