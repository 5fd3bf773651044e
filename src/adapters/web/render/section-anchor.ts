/**
 * The id of a heading in a rendered article, e.g. "What it is" → "what-it-is".
 * Answer sources link to `/concepts/<slug>#<anchor>` with the same function,
 * so a citation lands on the section (or FAQ question) it came from.
 */
export function sectionAnchor(heading: string): string {
  const slug = heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'section';
}
