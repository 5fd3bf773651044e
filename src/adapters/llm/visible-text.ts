import { stripCitationMarkers } from './citation-markers.js';

/** `<think>…</think>`, which reasoning models (DeepSeek-R1, Qwen3) served by some servers put in the answer. */
const THINKING = /<think>[\s\S]*?(?:<\/think>|$)/g;

/** The answer without the model's visible reasoning: never shown, never parsed for citations. */
export function withoutThinking(text: string): string {
  return text.replace(THINKING, '').replace(/^\s+/, '');
}

/**
 * What people see of a model's raw output: reasoning removed, citation
 * markers removed (sources are listed separately). While streaming, an
 * unfinished reasoning block or marker at the end is held back.
 */
export function visibleText(raw: string, options: { streaming?: boolean } = {}): string {
  // While streaming, a tag still arriving ("<thi") is held back rather than shown and then hidden.
  const text = options.streaming ? raw.replace(/<(t(h(i(n(k)?)?)?)?)?$/, '') : raw;
  return stripCitationMarkers(withoutThinking(text), options);
}
