import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../../src/core/newsletter/compose-digest.js';
import { digestEmailFor } from '../../../src/core/newsletter/digest-email.js';
import type { NewsletterSettings } from '../../../src/core/newsletter/settings.js';
import { createTokenSigner } from '../../../src/core/newsletter/tokens.js';
import { libraryOf } from './support/library.js';
import { testSettingsWithAddress } from './support/settings.js';

const library = await libraryOf(
  [
    {
      slug: 'tokens',
      whatItIs:
        'A **token** is a `piece` of text <b>unsafe</b> & [more](https://example.com/a?b=1&c=2).\n\nSecond paragraph.',
    },
  ],
  [
    {
      slug: 'bill-forecast',
      concepts: ['tokens'],
      body: '## The problem\nBills.\n\n## What they built\nA *dashboard* of tokens per feature.\n\n- a list item\n',
    },
  ],
);
const content = {
  concept: library.conceptBySlug.get('tokens')!,
  useCase: library.useCaseBySlug.get('bill-forecast')!,
};
const settings: NewsletterSettings = testSettingsWithAddress;
const signer = createTokenSigner('a-test-secret-of-enough-length-0123456789');
const subscriberId = '3f2b8c1e-6a1d-4c2e-9b7a-0d1e2f3a4b5c';

describe('composeDigest', () => {
  const template = composeDigest(content, settings, '2026-W48');
  const { html, text } = template.personalize({
    unsubscribeUrl: 'https://u.example/x?a=1&b=2',
    manageUrl: 'https://m.example/y',
  });

  it('has a subject and a preheader that names the use case', () => {
    expect(template.subject).toBe("Tokens: this week's AI concept");
    expect(template.preheader).toBe(
      'The small chunk of text a language model reads and writes, and the unit it is billed in. Plus how a team used it: Bill Forecast.',
    );
    expect(html).toContain(`<title>Tokens: this week&#39;s AI concept</title>`);
    expect(html).toMatch(/<div style="display:none;[^"]*">The small chunk/);
  });

  it('renders content Markdown to styled inline HTML and escapes raw HTML', () => {
    expect(html).toContain('A <strong>token</strong> is a <code style=');
    expect(html).toContain('&lt;b&gt;unsafe&lt;/b&gt; &amp; <a href="https://example.com/a?b=1&amp;c=2"');
    expect(html).not.toContain('<b>unsafe</b>');
    expect(html).toContain('<p style="margin:0 0 14px;">Second paragraph.</p>');
    expect(html).toContain('<ol style=');
    expect(html).toContain('A <em>dashboard</em> of tokens per feature.');
  });

  it('is an accessible, responsive email: lang, viewport, presentation tables, inline styles', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en"/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('@media (max-width: 620px)');
    expect(html.match(/<table role="presentation"/g)!.length).toBe(3);
  });

  it('links the concept page, the unsubscribe and data links, and shows the postal address', () => {
    expect(html).toContain('<a href="https://tutor.example.com/concepts/tokens"');
    expect(html).toContain('href="https://u.example/x?a=1&amp;b=2"');
    expect(html).toContain('>Unsubscribe</a>');
    expect(html).toContain('Example Ltd, 1 Main St, Springfield');
    expect(text).toContain('Read the full article: https://tutor.example.com/concepts/tokens');
    expect(text).toContain(
      'Unsubscribe: https://u.example/x?a=1&b=2\nYour data (export or delete): https://m.example/y\nExample Ltd, 1 Main St, Springfield',
    );
  });

  it('writes a plain-text part without Markdown markers', () => {
    expect(text).toContain('TOKENS\nThe small chunk');
    expect(text).toContain(
      'A token is a piece of text <b>unsafe</b> & more (https://example.com/a?b=1&c=2).',
    );
    expect(text).toContain('HOW IT WORKS\n1. A tokenizer splits text into tokens.');
    expect(text).toContain(
      'USE CASE: Bill Forecast\nHow a team did bill-forecast.\n\nA dashboard of tokens per feature.',
    );
  });

  it('links the issue in the archive, the full article and the whole use case, in HTML and text', () => {
    expect(html).toContain(
      '<a href="https://tutor.example.com/archive/2026-W48" style="color:#57606a;text-decoration:underline;">View this issue in your browser</a>',
    );
    expect(html).toContain('<a href="https://tutor.example.com/use-cases/bill-forecast"');
    expect(html).toContain(
      '>Read the whole use case: what they built, why it worked and what to watch out for</a>',
    );
    expect(
      text.startsWith('View this issue in your browser: https://tutor.example.com/archive/2026-W48\n'),
    ).toBe(true);
    expect(text).toContain(
      'A dashboard of tokens per feature.\n\nRead the whole use case: https://tutor.example.com/use-cases/bill-forecast\n',
    );
  });

  it('leaves out the postal address when none is configured', () => {
    const bare = composeDigest(content, { ...settings, postalAddress: null }, '2026-W48').personalize({
      unsubscribeUrl: 'u',
      manageUrl: 'm',
    });
    expect(bare.text).not.toContain('Springfield');
    expect(bare.html).not.toContain('Springfield');
  });
});

describe('digestEmailFor', () => {
  const template = composeDigest(content, settings, '2026-W48');
  const email = digestEmailFor({
    template,
    settings,
    signer,
    to: 'ada@example.com',
    subscriberId,
    deliveryId: 'd-1',
    weekKey: '2026-W48',
    now: new Date('2026-11-24T09:00:00Z'),
  });

  it('sets List-Id, RFC 8058 one-click unsubscribe headers and a stable Message-ID', () => {
    expect(email.headers!['List-Id']).toBe('Concept Tutor <digest.example.com>');
    expect(email.headers!['List-Unsubscribe']).toMatch(
      /^<https:\/\/tutor\.example\.com\/newsletter\/unsubscribe\?token=[A-Za-z0-9_-]{50}>$/,
    );
    expect(email.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email.messageId).toBe('<2026-W48.d-1@example.com>');
  });

  it('puts the same signed unsubscribe link in the header and the body', () => {
    const url = email.headers!['List-Unsubscribe']!.slice(1, -1);
    expect(email.text).toContain(`Unsubscribe: ${url}`);
    const token = new URL(url).searchParams.get('token')!;
    expect(signer.verify('unsubscribe', token, new Date())).toEqual({ subscriberId });
    const manage = new URL(/Your data \(export or delete\): (\S+)/.exec(email.text)![1]!).searchParams.get(
      'token',
    )!;
    expect(signer.verify('manage', manage, new Date('2026-12-01T00:00:00Z'))).toEqual({ subscriberId });
    expect(signer.verify('manage', manage, new Date('2027-03-01T00:00:00Z'))).toBe('expired');
  });
});
