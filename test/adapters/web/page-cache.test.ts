import { describe, expect, it } from 'vitest';
import { createPageCache } from '../../../src/adapters/web/render/page-cache.js';
import { etagMatches } from '../../../src/adapters/web/render/page-response.js';

/** A renderer that counts its calls, as the page routes' renders are counted. */
function counting(html: string) {
  const calls = { count: 0 };
  return {
    calls,
    render: () => {
      calls.count += 1;
      return html;
    },
  };
}

describe('page cache', () => {
  it('renders a page once per library and serves the same bytes and ETag after that', async () => {
    const cache = createPageCache({ maxBytes: 1024 * 1024 });
    const library = {};
    const { calls, render } = counting('<p>rag</p>');
    const first = await cache.page(library, 'concept:rag', render);
    const second = await cache.page(library, 'concept:rag', render);
    expect(calls.count).toBe(1);
    expect(second).toBe(first);
    expect(first!.body.toString()).toBe('<p>rag</p>');
    expect(first!.etag).toMatch(/^"[\w-]{22}"$/);
    expect(cache.stats()).toMatchObject({ renders: 1, hits: 1, entries: 1 });
  });

  it('renders again for a new library, and drops every page of the old one', async () => {
    const cache = createPageCache({ maxBytes: 1024 * 1024 });
    const before = {};
    const after = {};
    await cache.page(before, 'concept:rag', () => '<p>old</p>');
    await cache.page(before, 'concept:token', () => '<p>token</p>');
    const fresh = await cache.page(after, 'concept:rag', () => '<p>new</p>');
    expect(fresh!.body.toString()).toBe('<p>new</p>');
    expect(cache.stats()).toMatchObject({ renders: 3, entries: 1 });
  });

  it('gives equal bytes equal ETags and different bytes different ones (strong validators)', async () => {
    const cache = createPageCache({ maxBytes: 1024 * 1024 });
    const a = await cache.page({}, 'k', () => '<p>same</p>');
    const b = await cache.page({}, 'k', () => '<p>same</p>');
    const c = await cache.page({}, 'k', () => '<p>Same</p>');
    expect(b!.etag).toBe(a!.etag);
    expect(c!.etag).not.toBe(a!.etag);
    expect(a!.etag.startsWith('W/')).toBe(false);
  });

  it('renders once when many requests ask for the same page at the same time', async () => {
    const cache = createPageCache({ maxBytes: 1024 * 1024 });
    const library = {};
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let renders = 0;
    const render = async () => {
      renders += 1;
      await gate;
      return '<p>slow</p>';
    };
    const pages = Promise.all([1, 2, 3].map(() => cache.page(library, 'k', render)));
    release();
    const [a, b, c] = await pages;
    expect(renders).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('does not keep a page whose library was swapped out while it rendered', async () => {
    const cache = createPageCache({ maxBytes: 1024 * 1024 });
    const old = {};
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = cache.page(old, 'k', async () => {
      await gate;
      return '<p>old</p>';
    });
    await cache.page({}, 'other', () => '<p>new library</p>');
    release();
    expect((await slow)!.body.toString()).toBe('<p>old</p>');
    // The old library's page was not stored under the new library.
    expect(cache.stats().entries).toBe(1);
    const again = await cache.page(old, 'k', () => '<p>old, rendered again</p>');
    expect(again!.body.toString()).toBe('<p>old, rendered again</p>');
  });

  it('keeps no entry for a page that does not exist, so unknown addresses cannot fill it', async () => {
    const cache = createPageCache({ maxBytes: 1024 * 1024 });
    const library = {};
    for (let i = 0; i < 100; i++)
      expect(await cache.page(library, `concept:nope-${i}`, () => null)).toBeNull();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('stays within its byte budget, dropping the least recently served page first', async () => {
    const cache = createPageCache({ maxBytes: 300 });
    const library = {};
    const page = (letter: string) => letter.repeat(100);
    await cache.page(library, 'a', () => page('a'));
    await cache.page(library, 'b', () => page('b'));
    await cache.page(library, 'c', () => page('c'));
    await cache.page(library, 'a', () => page('a')); // a is now the most recent
    await cache.page(library, 'd', () => page('d')); // evicts b, the least recent
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 300, renders: 4 });
    const { calls, render } = counting(page('b'));
    await cache.page(library, 'b', render);
    expect(calls.count).toBe(1);
    await cache.page(library, 'a', () => 'not rendered again');
    expect(cache.stats().renders).toBe(5);
    // A page larger than the whole budget is served but never kept.
    const huge = await cache.page(library, 'huge', () => 'x'.repeat(301));
    expect(huge!.body.length).toBe(301);
    expect(cache.stats().bytes).toBeLessThanOrEqual(300);
  });
});

describe('If-None-Match', () => {
  const etag = '"abc"';
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x",W/"abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
    ['"ABC"', false],
    ['W/', false],
    ['', false],
    [',,,', false],
    [`"${'a'.repeat(10_000)}"`, false],
  ])('%s matches: %s', (header, expected) => {
    expect(etagMatches(header, etag)).toBe(expected);
  });

  it('is absent: no match', () => {
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});
