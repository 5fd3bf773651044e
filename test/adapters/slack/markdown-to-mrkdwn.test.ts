import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn } from '../../../src/adapters/slack/render/markdown-to-mrkdwn.js';

describe('markdownToMrkdwn', () => {
  it.each([
    ['bold', 'A **token** is small.', 'A *token* is small.'],
    [
      'italic with stars or underscores',
      'It is *roughly* or _about_ that.',
      'It is _roughly_ or _about_ that.',
    ],
    ['strikethrough', '~~wrong~~ right', '~wrong~ right'],
    [
      'links',
      'See [the docs](https://docs.example.com/a?b=1).',
      'See <https://docs.example.com/a?b=1|the docs>.',
    ],
    ['bare links', 'Go to https://example.com now', 'Go to <https://example.com> now'],
    ['relative links keep only their label', 'See [Token](/concepts/token).', 'See Token.'],
    ['headings as bold lines', '## How it works\n\nText.', '*How it works*\n\nText.'],
    ['Slack control characters', 'If a < b && c > d', 'If a &lt; b &amp;&amp; c &gt; d'],
    ['emphasis markers inside code spans stay literal', 'Use `**kwargs` here', 'Use `**kwargs` here'],
    [
      'code blocks without the language, escaped',
      '```python\nif a < b:\n    print("**")\n```',
      '```\nif a &lt; b:\n    print("**")\n```',
    ],
    ['bullets and nesting', '- one\n- two\n  - nested', '• one\n• two\n    ◦ nested'],
    ['numbered lists keep their start', '3. three\n4. four', '3. three\n4. four'],
    ['quotes', '> quoted **text**', '> quoted *text*'],
  ])('converts %s', (_name, markdown, mrkdwn) => {
    expect(markdownToMrkdwn(markdown)).toBe(mrkdwn);
  });

  it('turns a table into an aligned code block', () => {
    expect(markdownToMrkdwn('| Model | Tokens |\n|---|---|\n| small | 8k |\n| large | 200k |')).toBe(
      '```\nModel  Tokens\n-----  ------\nsmall  8k\nlarge  200k\n```',
    );
  });

  it('keeps paragraphs apart and line breaks inside them', () => {
    expect(markdownToMrkdwn('First line  \nsecond line.\n\nNext paragraph.')).toBe(
      'First line\nsecond line.\n\nNext paragraph.',
    );
  });
});
