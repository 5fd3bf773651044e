import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findConcept, matchConcepts } from '../../../src/adapters/discord/commands/match-concepts.js';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import type { Library } from '../../../src/core/content/types.js';
import { fixtureFiles } from '../../fixtures/load-fixture-files.js';
import { fixture, type Harness, IDS, startHarness } from './discord-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function autocomplete(typed: string) {
  const base = fixture('interaction-concept-autocomplete');
  return {
    ...base,
    data: { ...base.data, options: [{ name: 'name', type: 3, value: typed, focused: true }] },
  };
}

function concept(name: string) {
  const base = fixture('interaction-concept');
  return { ...base, data: { ...base.data, options: [{ name: 'name', type: 3, value: name }] } };
}

async function choicesFor(typed: string) {
  const interaction = autocomplete(typed);
  h!.dispatch('INTERACTION_CREATE', interaction);
  const callback = await h!.api.waitFor(
    (r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
  );
  // Type 8 is APPLICATION_COMMAND_AUTOCOMPLETE_RESULT; autocomplete cannot be deferred.
  expect(callback.body.type).toBe(8);
  return callback.body.data.choices;
}

describe('/concept autocomplete over the live library', () => {
  it('matches titles, slugs and aliases, saying which alias matched', async () => {
    h = await startHarness();
    expect(await choicesFor('tok')).toEqual([{ name: 'Token', value: 'token' }]);
    expect(await choicesFor('Tokenizer')).toEqual([{ name: 'Token (tokenizer)', value: 'token' }]);
    // Search phrases find the concept as aliases do, though the page does not list them.
    expect(await choicesFor('429')).toEqual([{ name: 'Token (429 rate limit)', value: 'token' }]);
    expect(await choicesFor('temp')).toEqual([{ name: 'Temperature', value: 'temperature' }]);
    expect(await choicesFor('quantum')).toEqual([]);
  });

  it('lists concepts by title before anything is typed', async () => {
    h = await startHarness();
    expect(await choicesFor('')).toEqual([
      { name: 'Temperature', value: 'temperature' },
      { name: 'Token', value: 'token' },
    ]);
  });
});

describe('/concept', () => {
  it('defers, then shows the summary, what it is and a link to the article', async () => {
    h = await startHarness({ publicUrl: 'https://tutor.example.com' });
    const interaction = concept('token');
    h.dispatch('INTERACTION_CREATE', interaction);
    const edit = await h.api.waitFor((r) => r.method === 'PATCH' && r.path.includes(interaction.token));
    expect(h.interactionCalls(interaction)[0]!.body).toEqual({ type: 5, data: { flags: 0 } });
    const [embed] = edit.body.embeds;
    expect(embed).toMatchObject({
      title: 'Token',
      url: 'https://tutor.example.com/concepts/token',
      description:
        'The small chunk of text a language model reads and writes, and the unit it is billed in.\n\n[Read the full article](https://tutor.example.com/concepts/token)',
      footer: { text: 'Foundational concepts · beginner' },
    });
    expect(embed.fields[0]).toMatchObject({
      name: 'What it is',
      value: expect.stringMatching(/^A token is a piece of a word/),
    });
  });

  it('accepts a title or alias typed in full instead of a picked choice', async () => {
    h = await startHarness();
    const interaction = concept('Tokenisation');
    h.dispatch('INTERACTION_CREATE', interaction);
    const edit = await h.api.waitFor((r) => r.method === 'PATCH' && r.path.includes(interaction.token));
    expect(edit.body.embeds[0].title).toBe('Token');
    expect(edit.body.embeds[0].url).toBeUndefined();
  });

  it('tells the person privately when there is no such concept', async () => {
    h = await startHarness();
    const interaction = concept('quantum annealing');
    h.dispatch('INTERACTION_CREATE', interaction);
    const followUp = await h.api.waitFor(
      (r) => r.method === 'POST' && r.path === `/webhooks/${IDS.bot}/${interaction.token}`,
    );
    expect(followUp.body.flags).toBe(64);
    expect(followUp.body.content).toMatch(
      /^There is no concept called "quantum annealing" in the library\..*\/ask/,
    );
    expect(h.interactionCalls(interaction).map((r) => r.method)).toEqual(['POST', 'DELETE', 'POST']);
  });
});

describe('matchConcepts and findConcept', () => {
  let library: Library;
  beforeAll(async () => {
    const built = buildLibrary(await fixtureFiles());
    if (!built.ok) throw new Error('fixture library is invalid');
    library = built.library;
  });

  it('ranks exact before prefix before infix matches, and caps the list', () => {
    expect(matchConcepts(library, 'e', 25).map((m) => m.concept.slug)).toEqual(['temperature', 'token']);
    expect(matchConcepts(library, 'e', 1)).toHaveLength(1);
    expect(matchConcepts(library, 'TOKEN', 25)).toEqual([{ concept: library.conceptBySlug.get('token') }]);
    expect(matchConcepts(library, '  tokénizer ', 25)[0]).toMatchObject({ via: 'tokenizer' });
  });

  it('finds by slug, title, alias or a single partial match, and nothing for ambiguous or unknown input', () => {
    expect(findConcept(library, 'token')?.slug).toBe('token');
    expect(findConcept(library, 'Temperature')?.slug).toBe('temperature');
    expect(findConcept(library, 'tokens')?.slug).toBe('token');
    expect(findConcept(library, 'temper')?.slug).toBe('temperature');
    expect(findConcept(library, 'e')).toBeUndefined();
    expect(findConcept(library, '')).toBeUndefined();
    expect(findConcept(library, 'quantum')).toBeUndefined();
  });
});
