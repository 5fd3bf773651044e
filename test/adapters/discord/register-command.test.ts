import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscordApi, startFakeDiscordApi } from '../../fakes/fake-discord-api.js';
import { runTutor } from '../../fakes/run-tutor.js';
import { BOT_USER, IDS, TOKEN } from './discord-harness.js';

let api: FakeDiscordApi;
beforeAll(async () => {
  api = await startFakeDiscordApi({ bot: BOT_USER });
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

function tutor(args: string[], env: Record<string, string> = {}) {
  return runTutor(['discord', 'register', ...args], {
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: IDS.bot,
    DISCORD_API_URL: api.url,
    ...env,
  });
}

describe('tutor discord register', () => {
  it('registers every command in one server through the real REST client', async () => {
    const { code, stdout } = await tutor(['--guild', IDS.guild]);
    expect(code).toBe(0);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /applications/${IDS.bot}/guilds/${IDS.guild}/commands`,
    ]);
    const [put] = api.requests;
    expect(put!.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put!.body.map((c: any) => c.name)).toEqual([
      'ask',
      'concept',
      'subscribe',
      'unsubscribe',
      'practice',
      'explain',
    ]);
    const concept = put!.body.find((c: any) => c.name === 'concept');
    expect(concept.options[0]).toMatchObject({ name: 'name', type: 3, required: true, autocomplete: true });
    // Usable in servers and in DMs with the bot.
    expect(concept.contexts).toEqual([0, 1]);
    expect(stdout).toContain(
      `Registered in server ${IDS.guild}: /ask, /concept, /subscribe, /unsubscribe, /practice, /explain`,
    );
    expect(stdout).toContain(
      `https://discord.com/oauth2/authorize?client_id=${IDS.bot}&scope=bot+applications.commands&permissions=274877991936`,
    );
  });

  it('registers globally by default, in DISCORD_GUILD_ID when set, and globally again with --global', async () => {
    expect((await tutor([])).code).toBe(0);
    expect((await tutor([], { DISCORD_GUILD_ID: IDS.guild })).code).toBe(0);
    expect((await tutor(['--global'], { DISCORD_GUILD_ID: IDS.guild })).code).toBe(0);
    expect((await tutor([`--guild=${IDS.guild}`])).code).toBe(0);
    expect(api.requests.map((r) => r.path)).toEqual([
      `/applications/${IDS.bot}/commands`,
      `/applications/${IDS.bot}/guilds/${IDS.guild}/commands`,
      `/applications/${IDS.bot}/commands`,
      `/applications/${IDS.bot}/guilds/${IDS.guild}/commands`,
    ]);
  });

  it('explains a rejected token without echoing it', async () => {
    api.override(/^PUT /, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
    const { code, stderr } = await tutor([]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Discord rejected DISCORD_TOKEN \(401 Unauthorized\)\. Copy a fresh token/);
    expect(stderr).not.toContain(TOKEN);
  });

  it('explains missing access to a server with the invite link', async () => {
    api.override(/^PUT /, { status: 403, body: { message: 'Missing Access', code: 50001 } });
    const { code, stderr } = await tutor(['--guild', IDS.guild]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /server 1190000000000000001 \(Missing Access\).*applications\.commands scope: https:\/\/discord\.com\/oauth2\/authorize/,
    );
  });

  it('names a missing variable or a bad argument, and calls nothing', async () => {
    expect((await tutor([], { DISCORD_TOKEN: '' })).stderr).toMatch(/^DISCORD_TOKEN is not set\./);
    expect((await tutor([], { DISCORD_APPLICATION_ID: '' })).stderr).toMatch(
      /^DISCORD_APPLICATION_ID is not set\./,
    );
    expect(await tutor(['--guild'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^error: option '--guild <id>' argument missing/),
    });
    expect((await tutor(['--guild', 'acme'])).stderr).toMatch(/got "acme"/);
    expect((await tutor(['--guild', IDS.guild, '--global'])).stderr).toMatch(/either --guild ID or --global/);
    expect((await tutor(['--guilds'])).stderr).toMatch(/^error: unknown option '--guilds'/);
    expect(api.requests).toEqual([]);
  });
});
