import { describe, expect, it } from 'vitest';
import { articleLinks, linkHash } from '../../../src/core/newsletter/article-links.js';
import { createLinkTracker } from '../../../src/core/newsletter/click-links.js';
import { createClickTokens } from '../../../src/core/newsletter/click-token.js';
import { composeDigest } from '../../../src/core/newsletter/compose-digest.js';
import { libraryOf } from './support/library.js';
import { testSettings } from './support/settings.js';

const DOCS = 'https://docs.example.com/tokens?a=1&b=2';
const library = await libraryOf(
  [
    {
      slug: 'tokens',
      whatItIs: `A token is a piece of text ([the docs](${DOCS})), not [a script](javascript:alert(1)) nor [a page](/concepts/x).`,
    },
  ],
  [
    {
      slug: 'bill-forecast',
      concepts: ['tokens'],
      body: '## What they built\nA dashboard, see [their post](https://blog.example.com/post).\n',
    },
  ],
);
const content = {
  concept: library.conceptBySlug.get('tokens')!,
  useCase: library.useCaseBySlug.get('bill-forecast')!,
};
const settings = testSettings;
const tokens = createClickTokens('a-test-secret-of-enough-length-0123456789');
const issue = { weekKey: '2026-W49', conceptSlug: 'tokens', useCaseSlug: 'bill-forecast' };
const recipient = {
  unsubscribeUrl: 'https://tutor.example.com/newsletter/unsubscribe?token=U',
  manageUrl: 'https://tutor.example.com/newsletter/manage?token=M',
};
const redirects = (s: string) =>
  [...s.matchAll(/https:\/\/tutor\.example\.com\/r\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);

describe('counted links in the digest', () => {
  const counted = composeDigest(content, settings, '2026-W49', {
    track: createLinkTracker({ tokens, baseUrl: settings.baseUrl, issue, sample: false }),
  }).personalize(recipient);
  const plain = composeDigest(content, settings, '2026-W49').personalize(recipient);

  it('routes the browser link, both articles and the articles’ own links through /r/, in HTML and text', () => {
    for (const part of [counted.html, counted.text]) {
      const targets = redirects(part).map((id) => tokens.verify(id));
      expect(targets).toEqual(
        expect.arrayContaining([
          { weekKey: '2026-W49', conceptSlug: 'tokens', target: { kind: 'archive' }, sample: false },
          expect.objectContaining({ target: { kind: 'concept' } }),
          expect.objectContaining({ target: { kind: 'use-case', useCaseSlug: 'bill-forecast' } }),
          expect.objectContaining({ target: { kind: 'concept-link', linkHash: linkHash(DOCS) } }),
          expect.objectContaining({
            target: {
              kind: 'use-case-link',
              useCaseSlug: 'bill-forecast',
              linkHash: linkHash('https://blog.example.com/post'),
            },
          }),
        ]),
      );
      expect(part).not.toContain('docs.example.com');
      expect(part).not.toContain('blog.example.com');
    }
  });

  it('leaves unsubscribe, data and relative links direct, and unsafe links unlinked', () => {
    expect(counted.html).toContain('href="https://tutor.example.com/newsletter/unsubscribe?token=U"');
    expect(counted.text).toContain('https://tutor.example.com/newsletter/manage?token=M');
    expect(counted.html).toContain('href="/concepts/x"');
    expect(counted.html).not.toContain('javascript:');
  });

  it('has no /r/ link at all without a tracker (subscribers who turned counting off)', () => {
    expect(redirects(plain.html)).toEqual([]);
    expect(redirects(plain.text)).toEqual([]);
    expect(plain.html).toContain(`href="${DOCS.replace(/&/g, '&amp;')}"`);
    expect(plain.text).toContain(`the docs (${DOCS})`);
    expect(plain.html).toContain('href="https://tutor.example.com/concepts/tokens"');
  });

  it('finds the counted links in the article at click time, and only absolute http(s) ones', () => {
    expect([...articleLinks(content.concept).values()]).toEqual([DOCS]);
    expect([...articleLinks(content.useCase).values()]).toEqual(['https://blog.example.com/post']);
  });
});
