import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentRankings, type FrozenRankings } from '../../fixtures/retrieval-rankings/snapshot.js';

const frozen = JSON.parse(
  readFileSync(new URL('../../fixtures/retrieval-rankings/rankings.json', import.meta.url), 'utf8'),
) as FrozenRankings;

// The search was optimised for large libraries (issue 17) on the promise of identical results:
// the same concepts, passages and scores, to the last bit, as the code frozen in the fixture.
describe('search rankings against the frozen fixture', () => {
  it('reproduces every ranking, passage list and score exactly', { timeout: 120_000 }, async () => {
    const now = await currentRankings();
    expect(now.real).toHaveLength(frozen.real.length);
    for (let i = 0; i < frozen.real.length; i++) expect(now.real[i]).toEqual(frozen.real[i]);
    expect(now.synthetic).toHaveLength(frozen.synthetic.length);
    for (let i = 0; i < frozen.synthetic.length; i++) expect(now.synthetic[i]).toEqual(frozen.synthetic[i]);
  });
});
