import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../src/core/content/build-library.js';
import { formatContentProblem } from '../../../src/core/errors.js';
import { trackOrder } from '../../../src/core/newsletter/welcome-track.js';
import { fixtureFiles, withFile } from '../../fixtures/load-fixture-files.js';

const files = await fixtureFiles();

const build = (text: string) => buildLibrary(withFile(files, 'track.md', text));
const problems = (text: string) => {
  const result = build(text);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map(formatContentProblem);
};

describe('content/track.md, the welcome-track order', () => {
  it('is optional: without it the track is beginner first, in library order', () => {
    const result = buildLibrary(files);
    if (!result.ok) throw new Error('fixture library is invalid');
    expect(result.library.track).toBeUndefined();
    expect(trackOrder(result.library).map((c) => c.slug)).toEqual(['temperature', 'token']);
  });

  it('sets the order: listed concepts first, the rest after them beginner first', () => {
    const result = build('---\ntrack: [token]\n---\n\nStart with tokens: everything else is counted in them.\n');
    if (!result.ok) throw new Error(result.problems.map(formatContentProblem).join('\n'));
    expect(result.library.track).toEqual(['token']);
    expect(trackOrder(result.library).map((c) => c.slug)).toEqual(['token', 'temperature']);
  });

  it('names an unknown slug and a duplicate, with the line and how to fix them', () => {
    expect(problems('---\ntrack:\n  - token\n  - tokenz\n  - token\n---\n')).toEqual([
      'track.md:2: track: "tokenz" is not a concept in the library; add concepts/tokenz.md or remove it from the track',
      'track.md:2: track: "token" is listed twice; keep it once, where it belongs in the order',
    ]);
  });

  it('rejects an empty list, a misspelt field, and a file without frontmatter', () => {
    expect(problems('---\ntrack: []\n---\n')).toEqual([
      'track.md:2: track: must list at least one concept slug, or delete track.md to use beginner-first library order',
    ]);
    expect(problems('---\ntrak: [token]\n---\n').join('\n')).toContain('track.md:2: trak: unknown field');
    expect(problems('token\ntemperature\n')).toEqual([
      'track.md:1: must start with a "---" line that opens the YAML frontmatter',
    ]);
  });
});
