import { createServer } from 'node:net';

/** A free loopback port, so PUBLIC_URL can be known before the service starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A browser-ish HTTP client over real sockets: keeps cookies and the last page's CSRF token. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  private csrf: string | null = null;

  async request(
    url: string,
    init: RequestInit = {},
  ): Promise<{ status: number; text: string; headers: Headers }> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const text = await response.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? this.csrf;
    return { status: response.status, text, headers: response.headers };
  }

  get(url: string) {
    return this.request(url);
  }

  /** Submits a form like a browser: urlencoded, with the CSRF token of the last page. */
  post(url: string, fields: Record<string, string>) {
    const body = new URLSearchParams(fields);
    if (this.csrf) body.set('_csrf', this.csrf);
    return this.request(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
}

/** The first form on a page: its action and hidden fields, to "click" its button. */
export function formOn(page: string, action?: string): { action: string; fields: Record<string, string> } {
  const forms = [...page.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = action ? forms.find((f) => f[1] === action) : forms[0];
  if (!form) throw new Error(`no form${action ? ` posting to ${action}` : ''} on the page`);
  const fields = Object.fromEntries(
    [...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/&amp;/g, '&'),
    ]),
  );
  return { action: form[1]!, fields };
}

/** The visible text of a page's <main>. */
export function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
