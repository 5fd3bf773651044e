/** GETs an https URL of Amazon SNS: the signing certificate, or a SubscribeURL. Injectable so tests serve a local certificate. */
export interface SnsHttp {
  get(url: URL): Promise<string>;
}

/** SNS endpoints: https, no port, no credentials, host sns.<region>.amazonaws.com (or .com.cn in China). */
const SNS_HOST = /^sns\.[a-z]{2}(-gov)?-[a-z]+-\d\.amazonaws\.com(\.cn)?$/;

/**
 * The URL if it is an https URL on an SNS host, else null. Applied to every
 * SigningCertURL and SubscribeURL before anything is fetched, whatever
 * {@link SnsHttp} is plugged in, so a message can never make us fetch (or
 * trust a certificate from) anywhere else.
 */
export function snsUrl(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return null;
  return SNS_HOST.test(url.hostname) ? url : null;
}

/** The production {@link SnsHttp}: fetch, no redirects, 10 s timeout, at most 64 KB. */
export function createFetchSnsHttp(): SnsHttp {
  return {
    async get(url) {
      const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`GET ${url.origin}${url.pathname} answered ${response.status}`);
      const text = await response.text();
      if (text.length > 65_536) throw new Error('SNS response larger than 64 KB');
      return text;
    },
  };
}
