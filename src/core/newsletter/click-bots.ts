/**
 * User agents of fetches that are not a person clicking: crawlers, link
 * previews, mail security scanners and HTTP libraries that announce
 * themselves. Scanners that pose as a browser (many do) are not caught here;
 * docs/decisions/015-click-counting.md says what that costs.
 */
const BOT_AGENTS =
  /bot\b|bot\/|crawl|spider|slurp|preview|scanner|safelinks|proofpoint|mimecast|barracuda|urldefense|python-|curl\/|wget\/|go-http-client|okhttp|java\/|libwww|httpclient|axios\/|node-fetch|undici|headlesschrome|phantomjs|facebookexternalhit|whatsapp|slack|discord|telegram|skypeuripreview|microsoft office existence|ms-office|google-read-aloud|yahoo! slurp/i;

/** Why a fetch of a counted link is not counted, or null when it is a click. */
export type NotAClick = 'head' | 'prefetch' | 'no user agent' | 'bot user agent';

/**
 * Whether a fetch looks like a person's click. HEAD requests and browser
 * prefetches (`Sec-Purpose`/`Purpose: prefetch`, `X-Moz: prefetch`) never
 * are; neither is a request without a user agent, nor one from a known bot.
 */
export function notAClick(input: {
  method: string;
  userAgent: string | undefined;
  purpose: string | undefined;
}): NotAClick | null {
  if (input.method.toUpperCase() === 'HEAD') return 'head';
  if (input.purpose && /prefetch|preview|prerender/i.test(input.purpose)) return 'prefetch';
  const agent = input.userAgent?.trim() ?? '';
  if (agent === '') return 'no user agent';
  if (BOT_AGENTS.test(agent)) return 'bot user agent';
  return null;
}
