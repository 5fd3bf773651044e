import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import '../web-env.js';

/** The string fields of a POSTed form (a repeated field keeps its last value). */
export type FormFields = Readonly<Record<string, string>>;

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];
/** C0 controls except tab, line feed and carriage return, and DEL: no field of ours takes them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A % that does not start a %XX escape. */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * Reads the form a POST carries, once per request, and refuses anything a
 * browser submitting our own pages would never send, with a 4xx that says
 * what was wrong: another content type (JSON, text), a broken multipart body,
 * bad %-escapes, control characters such as NUL, or a file upload. Every
 * route and the CSRF check read the body through here, so malformed input
 * never reaches a handler as a 500. Size limits are the body-limit
 * middleware's, which runs first.
 */
export async function readForm(c: Context): Promise<FormFields> {
  const cached = c.get('form');
  if (cached) return cached;
  const fields = await parse(c);
  c.set('form', fields);
  return fields;
}

/**
 * Reads every POST's form up front (after the area's body limit), so a
 * malformed body is refused with its 4xx even by a route that needs no field.
 */
export function formBody(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'POST') await readForm(c);
    await next();
  };
}

/** One field of the form, or '' when it is missing. */
export async function formField(c: Context, name: string): Promise<string> {
  return (await readForm(c))[name] ?? '';
}

async function parse(c: Context): Promise<FormFields> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    // A POST with no body at all (a bare one-click unsubscribe, say) is an empty form.
    if ((await c.req.arrayBuffer()).byteLength === 0) return {};
    throw new HTTPException(415, {
      message: `This address takes a web form (application/x-www-form-urlencoded or multipart/form-data), not ${type || 'a body without a Content-Type'}. Send it from the page on this site.`,
    });
  }
  let entries: Array<[string, string | File]>;
  if (type === 'multipart/form-data') {
    try {
      entries = [...(await c.req.formData()).entries()];
    } catch {
      throw new HTTPException(400, {
        message:
          'The form data could not be read: the multipart body is malformed or was cut off. Reload the page and send the form again.',
      });
    }
  } else {
    const text = await c.req.text();
    if (BAD_ESCAPE.test(text))
      throw new HTTPException(400, {
        message:
          'The form data is not valid URL encoding (a "%" must start a %XX escape). Send the form from the page on this site.',
      });
    entries = [...new URLSearchParams(text).entries()];
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (typeof value !== 'string')
      throw new HTTPException(400, {
        message: `This form takes no file uploads (the field "${clip(name)}" is a file).`,
      });
    if (CONTROL.test(name) || CONTROL.test(value))
      throw new HTTPException(400, {
        message: `The field "${clip(name.replace(CONTROL, '?'))}" contains control characters (such as a NUL byte), which no form here accepts. Remove them and send the form again.`,
      });
    fields[name] = value;
  }
  return fields;
}

function clip(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}
