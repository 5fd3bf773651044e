import type { Command } from 'commander';
import { ConfigError, UserFacingError } from '../../../core/errors.js';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';

const SNOWFLAKE = /^\d{17,20}$/;

/** Picks the target from `--guild ID` / `--global`; the default is DISCORD_GUILD_ID, else global. */
function target(
  options: { guild?: string; global?: boolean },
  defaultGuild: string | undefined,
): string | undefined {
  if (options.global) {
    if (options.guild !== undefined)
      throw new UserFacingError('USAGE', 'Use either --guild ID or --global, not both.');
    return undefined;
  }
  const guild = options.guild ?? defaultGuild;
  if (guild !== undefined && !SNOWFLAKE.test(guild)) {
    throw new UserFacingError(
      'USAGE',
      `--guild needs a server id (17-20 digits), got "${guild}". In Discord: Settings -> Advanced -> Developer Mode, then right-click the server -> Copy Server ID.`,
    );
  }
  return guild;
}

/** `tutor discord register [--guild ID | --global]`: publishes the slash commands through Discord's REST API. */
export function registerDiscordRegister(discord: Command, ctx: CliContext): void {
  const { io } = ctx;
  discord
    .command('register')
    .summary('Register the Discord slash commands (one server: at once; global: all servers)')
    .description(
      "Publish /ask, /concept, /subscribe and /unsubscribe through Discord's REST API, using DISCORD_TOKEN and DISCORD_APPLICATION_ID. In one server they show up at once; globally Discord can take a few minutes. Default target: DISCORD_GUILD_ID, else global.",
    )
    .option('--guild <id>', 'register in this server only (17-20 digit server id)')
    .option('--global', 'register in every server the bot is in, even when DISCORD_GUILD_ID is set')
    .addHelpText(
      'after',
      examples(
        ['tutor discord register --guild 123456789012345678', 'while testing'],
        'tutor discord register --global',
      ),
    )
    .action(
      ctx.action(async (options: { guild?: string; global?: boolean }) => {
        const cfg = await ctx.config();
        const token = cfg.DISCORD_TOKEN;
        const applicationId = cfg.DISCORD_APPLICATION_ID;
        if (!token)
          throw new ConfigError(
            'DISCORD_TOKEN is not set. Copy the bot token from the Developer Portal (your application -> Bot -> Reset Token) into DISCORD_TOKEN.',
          );
        if (!applicationId)
          throw new ConfigError(
            "DISCORD_APPLICATION_ID is not set. Copy the application id from the Developer Portal's General Information page into DISCORD_APPLICATION_ID.",
          );
        const guild = target(options, cfg.DISCORD_GUILD_ID);
        // discord.js takes ~0.4 s to load; only this command pays for it.
        const { registerCommands } = await import('../../discord/register-commands.js');
        const { inviteUrl } = await import('../../discord/invite-url.js');
        const names = (await registerCommands({ token, applicationId, guild, apiUrl: cfg.DISCORD_API_URL }))
          .map((n) => `/${n}`)
          .join(', ');
        io.stdout(
          guild
            ? `Registered in server ${guild}: ${names}. They show up there right away.\n`
            : `Registered globally: ${names}. Discord can take a few minutes to show them in every server.\n`,
        );
        io.stdout(`Invite the bot to a server (with these commands) via:\n  ${inviteUrl(applicationId)}\n`);
        return 0;
      }),
    );
}
