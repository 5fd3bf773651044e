import { DiscordAPIError, REST, Routes } from 'discord.js';
import { UserFacingError } from '../../core/errors.js';
import { commandDefinitions } from './commands/index.js';
import { inviteUrl } from './invite-url.js';

/** Where and as whom to register the slash commands. */
export interface RegisterCommandsOptions {
  token: string;
  applicationId: string;
  /** One server (shows up at once), or every server when undefined. */
  guild?: string | undefined;
  /** REST base override (DISCORD_API_URL). */
  apiUrl?: string | undefined;
}

/** Turns Discord's refusals into what to do about them. */
function explain(error: DiscordAPIError, { applicationId, guild }: RegisterCommandsOptions): UserFacingError {
  const where = guild ? `server ${guild}` : 'all servers';
  if (error.status === 401) {
    return new UserFacingError(
      'DISCORD_REJECTED',
      'Discord rejected DISCORD_TOKEN (401 Unauthorized). Copy a fresh token from the Developer Portal: your application -> Bot -> Reset Token.',
    );
  }
  if (error.status === 403) {
    return new UserFacingError(
      'DISCORD_REJECTED',
      `Discord refused to register commands for ${where} (${error.message}). Check that DISCORD_APPLICATION_ID is this bot's application` +
        (guild
          ? ` and that the bot was invited to that server with the applications.commands scope: ${inviteUrl(applicationId)}`
          : '.'),
    );
  }
  if (error.status === 404) {
    return new UserFacingError(
      'DISCORD_REJECTED',
      `Discord does not know application ${applicationId} (${error.message}). Check DISCORD_APPLICATION_ID on the Developer Portal's General Information page.`,
    );
  }
  return new UserFacingError(
    'DISCORD_REJECTED',
    `Discord refused the commands (${error.status}: ${error.message}).`,
  );
}

/**
 * Publishes the slash commands with one PUT, which replaces the whole set:
 * commands removed from the code disappear from Discord too. Returns the
 * names Discord now has.
 */
export async function registerCommands(options: RegisterCommandsOptions): Promise<string[]> {
  // One request, so no sweeper timers that would keep the process alive afterwards.
  const rest = new REST({
    ...(options.apiUrl ? { api: options.apiUrl } : {}),
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
  }).setToken(options.token);
  const route = options.guild
    ? Routes.applicationGuildCommands(options.applicationId, options.guild)
    : Routes.applicationCommands(options.applicationId);
  try {
    const registered = (await rest.put(route, { body: commandDefinitions() })) as Array<{ name: string }>;
    return registered.map((c) => c.name);
  } catch (error) {
    if (error instanceof DiscordAPIError) throw explain(error, options);
    throw error;
  }
}
