import { describe, expect, it } from 'vitest';
import { inlineMarkdownToHtml } from '../../../src/core/newsletter/markdown-to-email.js';

describe('inlineMarkdownToHtml (article text in the digest email)', () => {
  it('keeps http(s) and mailto links, styled inline', () => {
    expect(inlineMarkdownToHtml('see [the docs](https://example.com/a?b=1&c=2)')).toBe(
      'see <a href="https://example.com/a?b=1&amp;c=2" style="color:#0b57d0;text-decoration:underline;">the docs</a>',
    );
    expect(inlineMarkdownToHtml('[mail us](mailto:team@example.com)')).toContain(
      'href="mailto:team@example.com"',
    );
  });

  it('shows a javascript: link as plain text, encoded or not', () => {
    for (const href of ['javascript:alert(1)', '&#106;avascript:alert(1)', 'JavaScript:alert(1)']) {
      expect(inlineMarkdownToHtml(`[click](${href})`), href).toBe('click');
    }
    // Markdown does not even parse a destination with a tab as a link; it stays literal, unlinked text.
    expect(inlineMarkdownToHtml('[click](java\tscript:alert(1))')).not.toContain('<a');
  });

  it('shows raw HTML as text', () => {
    expect(inlineMarkdownToHtml('a <script>x</script> b')).toBe('a &lt;script&gt;x&lt;/script&gt; b');
  });
});
