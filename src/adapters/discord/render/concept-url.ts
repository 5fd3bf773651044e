import { escapeLabel } from './discord-limits.js';

/** The public page of a concept, or undefined when no PUBLIC_URL is configured. */
export function conceptUrl(publicUrl: string | undefined, slug: string): string | undefined {
  if (!publicUrl) return undefined;
  return `${publicUrl.replace(/\/+$/, '')}/concepts/${encodeURIComponent(slug)}`;
}

/** `[Title](url)` when there is a page to link to, else the title in bold. */
export function conceptLink(publicUrl: string | undefined, slug: string, title: string): string {
  const url = conceptUrl(publicUrl, slug);
  return url ? `[${escapeLabel(title)}](${url})` : `**${escapeLabel(title)}**`;
}
