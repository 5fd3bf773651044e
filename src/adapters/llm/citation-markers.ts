import type { CitedSpan } from '../../core/ports.js';

/**
 * `[n]` citation markers, the grounding contract for models without native
 * citations: passages are numbered from 1 in the prompt, the model writes
 * `[2]` or `[1, 3]` after what a passage supports, and these helpers turn
 * the markers into passage ids and take them out of the text people see.
 */

/** `[2]`, `[1, 3]`, `[1][3]` (each its own marker); also `[^2]`, a footnote habit of some models. */
const MARKER = /\[\^?(\d{1,3}(?:\s*,\s*\^?\d{1,3})*)\]/g;

/** A marker with the spaces before it, which go with it. */
const SPACED_MARKER = new RegExp(`[ \\t]*${MARKER.source}`, 'g');

/** Code spans and fences, where `[0]` is code, not a citation. */
const CODE = /(```[\s\S]*?(?:```|$)|`[^`\n]*`)/;

/** Applies `fn` to the parts of `text` outside code. */
function outsideCode(text: string, fn: (part: string) => string): string {
  return text
    .split(CODE)
    .map((part, i) => (i % 2 === 1 ? part : fn(part)))
    .join('');
}

/**
 * The passage ids the markers point at, in first-cited order, without
 * duplicates. A number that names no passage (`[9]` of five) is dropped:
 * it grounds nothing.
 */
export function citedPassageIds(text: string, passageIds: readonly string[]): string[] {
  const cited: string[] = [];
  outsideCode(text, (part) => {
    for (const match of part.matchAll(MARKER)) {
      for (const number of match[1]!.split(',')) {
        const id = passageIds[Number(number.replace('^', '').trim()) - 1];
        if (id !== undefined && !cited.includes(id)) cited.push(id);
      }
    }
    return part;
  });
  return cited;
}

/**
 * The text without markers (and the space before each), as shown to people;
 * sources are listed separately by every surface. With `streaming`, a marker
 * still being written at the end (`… per token [1`) is held back too, so a
 * draft never flashes half a marker, and each draft extends the one before.
 */
export function stripCitationMarkers(text: string, options: { streaming?: boolean } = {}): string {
  let out = outsideCode(text, (part) => part.replace(SPACED_MARKER, ''));
  // Trailing spaces wait too: they may belong to a marker, and a draft that drops a space it
  // showed before would not be a continuation of the previous one.
  if (options.streaming) out = out.replace(/[ \t]*\[\^?[\d,\s^]*$/, '').replace(/[ \t]+$/, '');
  return out;
}

/**
 * The text cut at its markers: each span is the text before a marker (the
 * spaces before the marker dropped) with the passages that marker names,
 * and a last span with whatever follows the last marker. Markers inside code
 * are left as text. Numbers that name no passage are dropped, as in
 * {@link citedPassageIds}.
 */
export function citedSpans(text: string, passageIds: readonly string[]): CitedSpan[] {
  const spans: CitedSpan[] = [];
  let pending = '';
  text.split(CODE).forEach((part, i) => {
    if (i % 2 === 1) {
      pending += part;
      return;
    }
    let last = 0;
    for (const match of part.matchAll(SPACED_MARKER)) {
      pending += part.slice(last, match.index);
      last = match.index + match[0].length;
      const ids: string[] = [];
      for (const number of match[1]!.split(',')) {
        const id = passageIds[Number(number.replace('^', '').trim()) - 1];
        if (id !== undefined && !ids.includes(id)) ids.push(id);
      }
      spans.push({ text: pending, passageIds: ids });
      pending = '';
    }
    pending += part.slice(last);
  });
  if (pending) spans.push({ text: pending, passageIds: [] });
  return spans;
}
