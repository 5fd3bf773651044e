import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/adapters/web/render/markdown.js';
import { sectionAnchor } from '../../../src/adapters/web/render/section-anchor.js';
import { safeUrl } from '../../../src/core/content/safe-url.js';

const render = (md: string) => String(renderMarkdown(md));

describe('renderMarkdown', () => {
  it('renders Markdown with ids on headings for citation links', () => {
    const out = render(
      '## What it is\nA **token** is `small`.\n\n### How many tokens is a word?\nAbout 0.75.',
    );
    expect(out).toContain('<h2 id="what-it-is">What it is</h2>');
    expect(out).toContain('<h3 id="how-many-tokens-is-a-word">How many tokens is a word?</h3>');
    expect(out).toContain('<strong>token</strong>');
    expect(out).toContain('<code>small</code>');
  });

  it('shows raw HTML as text instead of running it', () => {
    const out = render(
      'Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div onclick="x()">block</div>\n\n<iframe src="https://evil.example"></iframe>',
    );
    expect(out).not.toMatch(/<script|<img|<div|<iframe/i);
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['&#106;avascript:alert(1)'],
    ['&#x6A;avascript:alert(1)'],
    ['javascript&colon;alert(1)'],
    ['java\tscript:alert(1)'],
    ['vbscript:msgbox(1)'],
    ['data:text/html,<script>alert(1)</script>'],
  ])('drops a dangerous link target: %s', (href) => {
    const out = render(`[click](${href.replace(/\(/g, '%28').replace(/\)/g, '%29')}) and <${href}>`);
    expect(out).not.toMatch(/href="[^"]*script/i);
    expect(out).not.toMatch(/href="data:/i);
    expect(out).toContain('click');
  });

  it('keeps http(s), mailto and relative links, and marks external ones', () => {
    const out = render(
      '[a](https://example.com/x?a=1&b=2) [b](/concepts/token#faq) [c](mailto:team@example.com)',
    );
    expect(out).toContain(
      '<a href="https://example.com/x?a=1&amp;b=2" rel="noopener noreferrer nofollow">a</a>',
    );
    expect(out).toContain('<a href="/concepts/token#faq">b</a>');
    expect(out).toContain('<a href="mailto:team@example.com">c</a>');
  });

  it('keeps safe images, escapes their alt text, and drops unsafe ones', () => {
    expect(render('![a "diagram"](https://example.com/d.png)')).toContain(
      '<img src="https://example.com/d.png" alt="a &quot;diagram&quot;" loading="lazy">',
    );
    expect(render('![x](javascript:alert(1))')).not.toContain('<img');
  });

  it('escapes attribute-breaking characters in link titles', () => {
    const out = render('[a](https://example.com "x\\" onmouseover=\\"alert(1)")');
    expect(out).not.toContain('" onmouseover="');
  });
});

describe('safeUrl', () => {
  it('allows relative URLs and refuses backslash tricks', () => {
    expect(safeUrl('/ask')).toBe('/ask');
    expect(safeUrl('#faq')).toBe('#faq');
    expect(safeUrl('//cdn.example.com/x.png')).toBe('//cdn.example.com/x.png');
    expect(safeUrl('/\\evil.example')).toBeNull();
  });
});

describe('sectionAnchor', () => {
  it('makes stable, readable ids', () => {
    expect(sectionAnchor('Real-world examples')).toBe('real-world-examples');
    expect(sectionAnchor("What's the difference between RAG and fine-tuning?")).toBe(
      'what-s-the-difference-between-rag-and-fine-tuning',
    );
    expect(sectionAnchor('Café crème')).toBe('cafe-creme');
    expect(sectionAnchor('???')).toBe('section');
  });
});
