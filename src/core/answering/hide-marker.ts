import { NOT_COVERED_MARKER } from './system-prompt.js';

/**
 * Wraps a streaming callback so the model's NOT_COVERED marker, or any
 * beginning of it, never reaches a person: it is a signal to the tutor, not
 * text. Every surface streams through this, so none has to filter it.
 */
export function hideNotCoveredMarker(
  onText: ((textSoFar: string) => void) | undefined,
): ((textSoFar: string) => void) | undefined {
  if (!onText) return undefined;
  return (textSoFar) => {
    const text = textSoFar.trim();
    if (text === '' || NOT_COVERED_MARKER.startsWith(text) || text.startsWith(NOT_COVERED_MARKER)) return;
    onText(textSoFar);
  };
}
