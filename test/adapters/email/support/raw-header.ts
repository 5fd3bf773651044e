/**
 * The value of a header as it went over the wire (unfolded, name
 * case-insensitive), or undefined. Read from the raw bytes rather than a
 * parser, so the test sees exactly what a receiving server sees.
 */
export function rawHeader(raw: Buffer | string, name: string): string | undefined {
  const text = raw.toString();
  const head = text.slice(0, text.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
