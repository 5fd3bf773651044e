import { escapeHtml } from './html.js';

/** A link in the footer of an email. */
export interface FooterLink {
  label: string;
  url: string;
}

/** The part of every email that says why it came and how to stop it. */
export interface EmailFooter {
  /** Why the reader gets this email, one sentence. */
  reason: string;
  links: FooterLink[];
  /** The sender's postal address (CAN-SPAM); null when not configured. */
  postalAddress: string | null;
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/** Inline styles shared by the email bodies, so content blocks look alike in every client. */
export const EMAIL_STYLE = {
  label: `margin:0 0 8px;font-size:13px;line-height:1.4;letter-spacing:0.06em;text-transform:uppercase;color:#57606a;font-weight:600;`,
  h1: `margin:0 0 12px;font-size:26px;line-height:1.25;color:#1f2328;font-weight:700;`,
  h2: `margin:28px 0 8px;font-size:19px;line-height:1.3;color:#1f2328;font-weight:700;`,
  h2Top: `margin:0 0 8px;font-size:19px;line-height:1.3;color:#1f2328;font-weight:700;`,
  p: `margin:0 0 14px;`,
  lead: `margin:0 0 18px;font-size:18px;line-height:1.5;color:#1f2328;`,
  list: `margin:0 0 14px;padding-left:22px;`,
  item: `margin:0 0 6px;`,
  button: `display:inline-block;background:#0b57d0;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:6px;`,
  rule: `border:0;border-top:1px solid #d0d7de;margin:28px 0;`,
  link: `color:#0b57d0;text-decoration:underline;`,
  browser: `margin:0 0 18px;font-size:13px;line-height:1.4;text-align:right;`,
  mutedLink: `color:#57606a;text-decoration:underline;`,
} as const;

/**
 * The responsive, accessible HTML shell: one 600px column that shrinks on
 * phones, presentation tables (the only layout every client renders), inline
 * CSS, a hidden preheader, `lang`, and a footer with every link visible.
 */
export function htmlEmail(input: {
  title: string;
  preheader: string;
  bodyHtml: string;
  footer: EmailFooter;
}): string {
  const { footer } = input;
  const links = footer.links
    .map(
      (l) =>
        `<a href="${escapeHtml(l.url)}" style="color:#57606a;text-decoration:underline;">${escapeHtml(l.label)}</a>`,
    )
    .join(' &middot; ');
  const address = footer.postalAddress
    ? `<p style="margin:8px 0 0;">${escapeHtml(footer.postalAddress)}</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<title>${escapeHtml(input.title)}</title>
<style>
  @media (max-width: 620px) { .container { width: 100% !important; } .pad { padding-left: 20px !important; padding-right: 20px !important; } }
</style>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;">${escapeHtml(input.preheader)}${'&#847;&zwnj;&nbsp;'.repeat(30)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background:#ffffff;border-radius:8px;">
<tr><td class="pad" style="padding:36px 40px 28px;font-family:${FONT};font-size:16px;line-height:1.6;color:#1f2328;">
${input.bodyHtml}
</td></tr>
</table>
<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;">
<tr><td class="pad" style="padding:20px 40px;font-family:${FONT};font-size:13px;line-height:1.5;color:#57606a;text-align:center;">
<p style="margin:0 0 8px;">${escapeHtml(footer.reason)}</p>
${links ? `<p style="margin:0;">${links}</p>` : ''}
${address}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** The plain-text part: the body, then the same footer with every URL written out. */
export function textEmail(input: { bodyText: string; footer: EmailFooter }): string {
  const { footer } = input;
  const lines = [
    input.bodyText.trimEnd(),
    '',
    '-- ',
    footer.reason,
    ...footer.links.map((l) => `${l.label}: ${l.url}`),
  ];
  if (footer.postalAddress) lines.push(footer.postalAddress);
  return `${lines.join('\n')}\n`;
}

/**
 * An email's two bodies from one content: the HTML (titled with the subject)
 * and the plain text, each with the same footer.
 */
export function renderEmail(input: {
  subject: string;
  preheader: string;
  bodyHtml: string;
  bodyText: string;
  footer: EmailFooter;
}): { html: string; text: string } {
  const { subject, preheader, bodyHtml, bodyText, footer } = input;
  return {
    html: htmlEmail({ title: subject, preheader, bodyHtml, footer }),
    text: textEmail({ bodyText, footer }),
  };
}
