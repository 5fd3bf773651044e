import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildArchiveFeed, type FeedFormat } from '../../../src/adapters/web/routes/public/archive-feed.js';
import type { ArchivedIssue } from '../../../src/adapters/web/routes/public/archive-loader.js';
import { libraryOf } from '../../core/newsletter/support/library.js';

const library = await libraryOf(
  [
    {
      slug: 'tokens',
      whatItIs: 'A **token** is a piece of text <b>unsafe</b> & see [the bill](/use-cases/bill-forecast).',
    },
  ],
  [{ slug: 'bill-forecast', concepts: ['tokens'], body: '## The problem\nBills & <i>costs</i>.\n' }],
);
const tokens = library.conceptBySlug.get('tokens')!;
// `concept` undefined: the concept has since been removed from the library.
const issue = (weekKey: string, publishedAt: string, concept: ArchivedIssue['concept']): ArchivedIssue => ({
  weekKey,
  conceptSlug: concept?.slug ?? 'gone',
  useCaseSlug: 'bill-forecast',
  publishedAt: new Date(publishedAt),
  concept,
  useCase: library.useCaseBySlug.get('bill-forecast'),
});
const issues = [
  issue('2026-W48', '2026-11-24T09:00:00Z', { ...tokens, title: 'Tokens <b> & "friends"' }),
  issue('2026-W47', '2026-11-17T09:00:00Z', undefined),
];
const build = (format: FeedFormat) =>
  buildArchiveFeed(format, {
    name: 'AI <Weekly> & Co',
    baseUrl: 'https://tutor.example.com',
    issues,
    now: new Date('2026-12-01T00:00:00Z'),
  });

describe('archive feeds', () => {
  it('Atom: well-formed XML that a feed parser reads back, newest first, with absolute links and full content', async () => {
    const atom = await build('atom');
    expect(XMLValidator.validate(atom)).toBe(true);
    const parsed = parseFeed(atom);
    expect(parsed.meta.type).toBe('atom');
    expect(parsed.title).toBe('AI <Weekly> & Co');
    expect(parsed.url).toBe('https://tutor.example.com/archive');
    expect(parsed.items.map((i) => i.url)).toEqual([
      'https://tutor.example.com/archive/2026-W48',
      'https://tutor.example.com/archive/2026-W47',
    ]);
    const [first, removed] = parsed.items;
    expect(first!.published?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    // Entry titles are type="html": a title is text, so its markup characters are escaped.
    expect(atom).toContain(
      '<title type="html"><![CDATA[Week 48, 2026: Tokens &lt;b&gt; &amp; &quot;friends&quot;]]>',
    );
    // Article HTML is escaped as on the site; root-relative links are made absolute.
    expect(atom).toContain('&lt;b&gt;unsafe&lt;/b&gt;');
    expect(atom).not.toContain('<b>unsafe</b>');
    expect(first!.content).toContain('href="https://tutor.example.com/use-cases/bill-forecast"');
    expect(first!.content).toContain('href="https://tutor.example.com/concepts/tokens"');
    expect(first!.content).toContain('Use case: Bill Forecast');
    expect(removed!.content).toContain('has since been removed from the library');
    // The feed's own update time is its newest issue, so an unchanged archive renders the same bytes.
    expect(parsed.updated?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(await build('atom')).toBe(atom);
  });

  it('JSON Feed: version, title and one item per issue with an id, plain-text title, HTML content and dates', async () => {
    const json = JSON.parse(await build('json'));
    expect(json.version).toMatch(/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/);
    expect(json.title).toBe('AI <Weekly> & Co');
    expect(json.home_page_url).toBe('https://tutor.example.com/archive');
    expect(json.feed_url).toBe('https://tutor.example.com/archive/feed.json');
    expect(json.items).toHaveLength(2);
    expect(json.items[0]).toMatchObject({
      id: 'https://tutor.example.com/archive/2026-W48',
      url: 'https://tutor.example.com/archive/2026-W48',
      title: 'Week 48, 2026: Tokens <b> & "friends"',
      date_published: '2026-11-24T09:00:00.000Z',
    });
    expect(json.items[0].content_html).toContain('href="https://tutor.example.com/concepts/tokens"');
    expect(json.items[1].id).toBe('https://tutor.example.com/archive/2026-W47');
  });

  it('an archive with no issue yet is a valid, empty feed dated by the clock', async () => {
    const input = {
      name: 'AI Weekly',
      baseUrl: 'http://localhost:3000',
      issues: [],
      now: new Date('2026-12-01T00:00:00Z'),
    };
    const atom = await buildArchiveFeed('atom', input);
    expect(XMLValidator.validate(atom)).toBe(true);
    const parsed = parseFeed(atom);
    expect(parsed.items).toEqual([]);
    expect(parsed.updated?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(JSON.parse(await buildArchiveFeed('json', input)).items).toEqual([]);
  });
});
