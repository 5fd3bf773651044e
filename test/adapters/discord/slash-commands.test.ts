import { describe, expect, it } from 'vitest';
import { commandDefinitions, discordCommands } from '../../../src/adapters/discord/commands/index.js';
import { loadCommands } from '../../../src/adapters/discord/commands/slash-command.js';

const valid = {
  data: { name: 'ping', toJSON: () => ({ name: 'ping', description: 'Checks the bot is alive' }) },
  execute: async () => {},
};

describe('slash command loading', () => {
  it('loads the six commands, each with a description and the options Discord shows', () => {
    expect([...discordCommands().keys()]).toEqual([
      'ask',
      'concept',
      'subscribe',
      'unsubscribe',
      'practice',
      'explain',
    ]);
    const explain = commandDefinitions().find((c) => c.name === 'explain')!;
    expect(explain.options?.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ['concept', 3, true],
      ['explanation', 3, true],
    ]);
    const ask = commandDefinitions().find((c) => c.name === 'ask')!;
    expect(ask.options?.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ['question', 3, true],
      ['private', 5, false],
    ]);
  });

  it('rejects a malformed command at load time, naming it and the problem', () => {
    expect(() => loadCommands([valid, { data: valid.data }])).toThrow(/command #2: .*execute/s);
    expect(() =>
      loadCommands([
        { ...valid, data: { name: 'Ping', toJSON: () => ({ name: 'Ping', description: 'x' }) } },
      ]),
    ).toThrow(/must be 1-32 lowercase letters/);
    expect(() =>
      loadCommands([
        { ...valid, data: { ...valid.data, toJSON: () => ({ name: 'ping', description: '' }) } },
      ]),
    ).toThrow(/\/ping: .*description/s);
    expect(() => loadCommands([valid, valid])).toThrow(/\/ping: defined twice/);
  });
});
