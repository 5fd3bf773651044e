/**
 * The phrases a question puts in quotes ('lost in the middle', "can't sign
 * in", “login failure”). An apostrophe inside a word ("can't", "what's") is
 * not a quote: a quote opens after a space or the start and closes before a
 * space, punctuation or the end.
 */
export function quotedPhrases(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|[\s(])['"“‘]([^"“”]+?)['"”’](?=[\s?.,!;:)]|$)/gu))
    found.push(match[1]!.trim());
  return found.filter((phrase) => phrase.length > 0);
}

/**
 * Hyphenated compounds ("top-k", "few-shot", "open-weight"): written as one
 * term, though the tokenizer splits them, so "k" would otherwise be lost.
 */
export function hyphenatedTerms(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu) ?? [];
}
