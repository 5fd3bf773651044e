import { z } from 'zod';

/**
 * Schema builders for the kinds of environment variable, each with one
 * message that says what is accepted. Every check of a variable carries the
 * same message, so a value that fails two checks (-1.5: not whole, too small)
 * reads as one line, and no validator wording ("expected number, received
 * NaN") ever reaches an operator. load-config adds the name and the value.
 */

/** A whole number in [min, max]; `max` omitted means no upper bound. `error` replaces the message. */
export function wholeNumber(range: { min: number; max?: number; error?: string }) {
  const error =
    range.error ??
    (range.max === undefined
      ? `must be a whole number, ${range.min} or more`
      : `must be a whole number from ${range.min} to ${range.max}`);
  const schema = z.coerce.number({ error }).int({ error }).min(range.min, { error });
  return range.max === undefined ? schema : schema.max(range.max, { error });
}

/** A number in [min, max] that may have decimals. */
export function decimalNumber(range: { min: number; max: number }) {
  const error = `must be a number from ${range.min} to ${range.max}; decimals are allowed`;
  return z.coerce.number({ error }).min(range.min, { error }).max(range.max, { error });
}

/** A TCP port; 0 lets the OS pick a free one. */
export function port() {
  return wholeNumber({ min: 0, max: 65535 });
}

/** One of a fixed list of words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

/** A switch, written the usual ways. */
export function onOff() {
  return z.stringbool({
    truthy: ['true', '1', 'yes', 'on'],
    falsy: ['false', '0', 'no', 'off'],
    error: 'must be true or false (1/0, yes/no and on/off work too)',
  });
}

/** An http(s) URL. */
export function httpUrl() {
  return z.url({
    protocol: /^https?$/,
    error: 'must be an http(s) URL such as https://tutor.example.com',
  });
}

/** Free text of bounded length, trimmed. */
export function text(range: { min: number; max: number; example?: string }) {
  const error = `must be ${range.min} to ${range.max} characters${range.example ? `, e.g. ${range.example}` : ''}`;
  return z.string().trim().min(range.min, { error }).max(range.max, { error });
}
