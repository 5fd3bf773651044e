const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  colon: ':',
  tab: '\t',
  newline: '\n',
  nbsp: '\u00a0',
};

/** Decodes the character references a browser would decode inside an attribute. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Returns the URL to put in an href/src, or null when it must not be linked:
 * only http(s), mailto and relative URLs pass. Character references and the
 * whitespace browsers ignore are resolved first, so "&#106;avascript:" and
 * "java\tscript:" are caught. The result is decoded; escape it for the attribute.
 */
export function safeUrl(href: string): string | null {
  const decoded = decodeEntities(href).trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop control characters inside a scheme, so must we.
  const compact = decoded.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1];
  if (scheme && !ALLOWED_SCHEMES.has(scheme.toLowerCase())) return null;
  // "//evil.example" is protocol-relative: an external link, which is fine, but never "/\evil" tricks.
  if (/^[/\\]{2}/.test(compact) && !/^\/\/[^/\\]/.test(compact)) return null;
  return decoded;
}
