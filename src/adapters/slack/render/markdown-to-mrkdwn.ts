import { lexer, type Token, type Tokens } from 'marked';

/**
 * Converts the tutor's Markdown to Slack mrkdwn. It walks marked's token tree
 * rather than rewriting with regexes, so `**` inside a code span stays
 * literal and nested lists keep their shape. Slack has no headings or tables:
 * headings become bold lines and tables become aligned code blocks.
 * `&`, `<` and `>` are escaped everywhere (Slack treats them as control
 * characters, even inside code).
 */
export function markdownToMrkdwn(markdown: string): string {
  return blocks(lexer(markdown)).join('\n\n').trim();
}

/** Escapes the three characters Slack reserves for links and mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function blocks(tokens: readonly Token[]): string[] {
  return tokens.map(block).filter((text): text is string => text !== null && text !== '');
}

function block(token: Token): string | null {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'heading':
      return `*${inline((token as Tokens.Heading).tokens).trim()}*`;
    case 'paragraph':
      return inline((token as Tokens.Paragraph).tokens);
    case 'text':
      return 'tokens' in token && token.tokens ? inline(token.tokens) : escapeMrkdwn(token.text);
    case 'code':
      // Slack shows an info string ("```ts") as part of the code, so it is dropped.
      return `\`\`\`\n${escapeMrkdwn((token as Tokens.Code).text)}\n\`\`\``;
    case 'blockquote':
      return blocks((token as Tokens.Blockquote).tokens)
        .join('\n\n')
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'list':
      return list(token as Tokens.List, 0);
    case 'table':
      return table(token as Tokens.Table);
    case 'hr':
      return '───────────';
    case 'html':
      return escapeMrkdwn(token.text.trim());
    default:
      return 'text' in token && typeof token.text === 'string' ? escapeMrkdwn(token.text) : null;
  }
}

function list(token: Tokens.List, depth: number): string {
  const start = typeof token.start === 'number' ? token.start : 1;
  const indent = '    '.repeat(depth);
  return token.items
    .map((item, index) => {
      const bullet = token.ordered ? `${start + index}.` : depth === 0 ? '•' : '◦';
      let marker = `${indent}${bullet} ${item.task ? (item.checked ? '☑ ' : '☐ ') : ''}`;
      const lines: string[] = [];
      for (const part of item.tokens) {
        if (part.type === 'list') {
          lines.push(list(part as Tokens.List, depth + 1));
          continue;
        }
        const text = part.type === 'checkbox' ? null : block(part);
        if (!text) continue;
        // The first line carries the bullet; continuation lines align under its text.
        lines.push(
          text
            .split('\n')
            .map((line) => {
              const out = marker + line;
              marker = `${indent}    `;
              return out;
            })
            .join('\n'),
        );
      }
      return lines.length > 0 ? lines.join('\n') : marker.trimEnd();
    })
    .join('\n');
}

function table(token: Tokens.Table): string {
  const rows = [
    token.header.map((cell) => cell.text),
    ...token.rows.map((row) => row.map((cell) => cell.text)),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, col) => cell.padEnd(widths[col]!))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return `\`\`\`\n${escapeMrkdwn([line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n'))}\n\`\`\``;
}

function inline(tokens: readonly Token[] | undefined): string {
  return (tokens ?? []).map(inlineToken).join('');
}

function inlineToken(token: Token): string {
  switch (token.type) {
    case 'strong':
      return `*${inline((token as Tokens.Strong).tokens)}*`;
    case 'em':
      return `_${inline((token as Tokens.Em).tokens)}_`;
    case 'del':
      return `~${inline((token as Tokens.Del).tokens)}~`;
    case 'codespan':
      return `\`${escapeMrkdwn((token as Tokens.Codespan).text)}\``;
    case 'br':
      return '\n';
    case 'link':
    case 'image': {
      const { href, text } = token as Tokens.Link | Tokens.Image;
      const label = token.type === 'link' ? inline((token as Tokens.Link).tokens) : escapeMrkdwn(text);
      // Only absolute links can be followed from Slack; anything else keeps its label.
      if (!/^(https?:|mailto:)/i.test(href)) return label;
      const target = href.replace(/[<>|]/g, encodeURIComponent);
      return label === escapeMrkdwn(href) ? `<${target}>` : `<${target}|${label.replace(/\|/g, '¦')}>`;
    }
    case 'escape':
    case 'text':
      return 'tokens' in token && token.tokens ? inline(token.tokens) : escapeMrkdwn(token.text);
    case 'html':
      return escapeMrkdwn(token.text);
    default:
      return 'text' in token && typeof token.text === 'string' ? escapeMrkdwn(token.text) : '';
  }
}
