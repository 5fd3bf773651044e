import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../../src/core/newsletter/compose-digest.js';
import type { RecallBlock } from '../../../src/core/newsletter/recall-block.js';
import { libraryOf } from './support/library.js';
import { testSettings } from './support/settings.js';

const library = await libraryOf([{ slug: 'tokens' }], [{ slug: 'bill-forecast', concepts: ['tokens'] }]);
const guess = {
  id: 'tokens~abc',
  question: 'Why does a long prompt cost more?',
  choices: ['It is billed per token', 'It is billed per request', 'It is billed per <word> & "char"'],
  correct: 0,
  explanation: 'Models are billed per token read and written.',
};
const content = {
  concept: { ...library.conceptBySlug.get('tokens')!, checkYourself: [guess] },
  useCase: library.useCaseBySlug.get('bill-forecast')!,
};
const settings = testSettings;
const recall: RecallBlock = {
  title: 'RAG',
  question: 'When does <retrieval> help?',
  options: [
    {
      label: 'When the answer is in your documents',
      url: 'https://tutor.example.com/practice/email/AAA?x=1&y=2',
    },
    { label: 'Never', url: 'https://tutor.example.com/practice/email/BBB' },
    { label: 'Only for images', url: 'https://tutor.example.com/practice/email/CCC' },
  ],
};
const template = composeDigest(content, settings, '2026-W49');
const links = { unsubscribeUrl: 'https://u.example/x', manageUrl: 'https://m.example/y' };
const withRecall = template.personalize({ ...links, recall });
const without = template.personalize(links);

describe('the recall check in a digest', () => {
  it('opens the HTML copy with the question, each option an escaped link, and explains that nothing is recorded yet', () => {
    const { html } = withRecall;
    const at = html.indexOf('Check yourself &middot; from RAG');
    expect(at).toBeGreaterThan(html.indexOf('View this issue in your browser'));
    expect(at).toBeLessThan(html.indexOf('<h1'));
    expect(html).toContain('When does &lt;retrieval&gt; help?');
    expect(html).toContain('<a href="https://tutor.example.com/practice/email/AAA?x=1&amp;y=2"');
    expect(html).toContain('>A. When the answer is in your documents</a>');
    expect(html).toContain('>C. Only for images</a>');
    expect(html).toContain('a page opens where you confirm it');
  });

  it('opens the text copy with the question and every link written out', () => {
    expect(withRecall.text).toContain(
      'CHECK YOURSELF (from RAG)\nWhen does <retrieval> help?\nA. When the answer is in your documents: https://tutor.example.com/practice/email/AAA?x=1&y=2\nB. Never: https://tutor.example.com/practice/email/BBB\n',
    );
    expect(withRecall.text.indexOf('CHECK YOURSELF')).toBeLessThan(withRecall.text.indexOf('TOKENS\n'));
  });

  it('leaves no trace of the block (nor its placeholder) for a subscriber without one', () => {
    for (const part of [without.html, without.text]) {
      expect(part).not.toMatch(/check yourself/i);
      expect(part).not.toContain('__CT_');
    }
    expect(withRecall.html).not.toContain('__CT_');
  });

  it('changes nothing but the block between two recipients: the rest is rendered once', () => {
    const other = template.personalize({ ...links, recall: { ...recall, title: 'Embeddings' } });
    expect(other.html.replace('from Embeddings', 'from RAG')).toBe(withRecall.html);
  });
});

describe('guess first', () => {
  for (const [part, rendered] of Object.entries({ html: without.html, text: without.text })) {
    it(`asks the new concept's question under its title and answers it after the article (${part})`, () => {
      const asked = rendered.search(/guess first/i);
      const answered = rendered.search(/answer to the guess/i);
      expect(asked).toBeGreaterThan(rendered.search(part === 'html' ? /<h1/ : /TOKENS\n/));
      expect(rendered.slice(asked, answered)).toMatch(/answer below/i);
      // The answer comes after the article section, before the use case.
      expect(answered).toBeGreaterThan(rendered.search(/Read the full article/));
      expect(answered).toBeLessThan(rendered.search(/use case/i));
      expect(rendered.slice(answered)).toContain('Models are billed per token read and written.');
    });
  }

  it('escapes the options in HTML and writes them out in text', () => {
    expect(without.html).toContain('C. It is billed per &lt;word&gt; &amp; &quot;char&quot;');
    expect(without.text).toContain(
      'GUESS FIRST: Why does a long prompt cost more?\n  A. It is billed per token\n',
    );
    expect(without.text).toContain('ANSWER TO THE GUESS: A. It is billed per token\n');
  });

  it('is left out for a concept without Check-yourself items', () => {
    const bare = composeDigest(
      { ...content, concept: { ...content.concept, checkYourself: [] } },
      settings,
      '2026-W49',
    ).personalize(links);
    expect(bare.html).not.toMatch(/guess/i);
    expect(bare.text).not.toMatch(/guess/i);
  });
});
