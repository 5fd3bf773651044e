import type { Config } from '../../config/env-schema.js';
import type { ModuleStatus } from '../../service-module.js';

/** Discord's line in the startup summary; free of discord.js so the service need not load it when Discord is off. */
export function discordStatus(config: Config): ModuleStatus {
  const token = Boolean(config.DISCORD_TOKEN);
  const application = Boolean(config.DISCORD_APPLICATION_ID);
  if (token && application)
    return { on: true, detail: 'mentions, DMs, /ask, /concept, /subscribe, /unsubscribe' };
  if (token)
    return {
      on: false,
      detail: 'DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not; set both (docs/discord.md)',
    };
  if (application)
    return {
      on: false,
      detail: 'DISCORD_APPLICATION_ID is set but DISCORD_TOKEN is not; set both (docs/discord.md)',
    };
  return { on: false, detail: 'set DISCORD_TOKEN and DISCORD_APPLICATION_ID to turn it on' };
}
