import { ConfigError, UserFacingError } from '../../../core/errors.js';
import type { CliCommand } from '../cli-types.js';

const SNOWFLAKE = /^\d{17,20}$/;
const USAGE = 'tutor discord register [--guild ID | --global]';

/** Reads `--guild ID` / `--guild=ID` / `--global`; the default is DISCORD_GUILD_ID, else global. */
function target(args: string[], defaultGuild: string | undefined): string | undefined {
  const unknown = args.filter(
    (a, i) => a !== '--global' && a !== '--guild' && !a.startsWith('--guild=') && args[i - 1] !== '--guild',
  );
  if (unknown.length > 0)
    throw new UserFacingError('USAGE', `Unknown argument "${unknown[0]}". Usage: ${USAGE}`);
  const at = args.indexOf('--guild');
  const given =
    at >= 0 ? (args[at + 1] ?? '') : args.find((a) => a.startsWith('--guild='))?.slice('--guild='.length);
  if (args.includes('--global')) {
    if (given !== undefined)
      throw new UserFacingError('USAGE', 'Use either --guild ID or --global, not both.');
    return undefined;
  }
  const guild = given ?? defaultGuild;
  if (guild !== undefined && !SNOWFLAKE.test(guild)) {
    throw new UserFacingError(
      'USAGE',
      `--guild needs a server id (17-20 digits), got "${guild}". In Discord: Settings -> Advanced -> Developer Mode, then right-click the server -> Copy Server ID.`,
    );
  }
  return guild;
}

/** `tutor discord register [--guild ID | --global]`: publishes the slash commands through Discord's REST API. */
export const discordRegisterCommand: CliCommand = {
  name: 'discord register',
  summary: 'Register the Discord slash commands (one server: at once; global: all servers)',
  usage: USAGE,
  async run(args, { io, config }) {
    const cfg = config();
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
    const guild = target(args, cfg.DISCORD_GUILD_ID);
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
  },
};
