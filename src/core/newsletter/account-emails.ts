import { renderEmail, EMAIL_STYLE as S } from './email-layout.js';
import { escapeHtml } from './html.js';
import type { OutgoingEmail } from './ports.js';
import type { NewsletterSettings } from './settings.js';

/** A readable name for a consent source such as "slack:T123" or "web". */
export function describeSource(source: string): string {
  const kind = source.split(':')[0]!.toLowerCase();
  const names: Record<string, string> = {
    web: 'our website',
    slack: 'Slack',
    discord: 'Discord',
    cli: 'an administrator',
    import: 'an administrator',
  };
  return names[kind] ?? source;
}

function button(url: string, label: string): string {
  return `<p style="margin:22px 0;"><a href="${escapeHtml(url)}" style="${S.button}">${escapeHtml(label)}</a></p>`;
}

/** The double opt-in email: nothing is sent to this address until its link is used. */
export function confirmationEmail(input: {
  to: string;
  confirmUrl: string;
  source: string;
  validDays: number;
  /** The request came from a chat account that confirming links (Discord): say so. */
  linksChat?: boolean;
  /** The address is already subscribed: the link only links the chat account (needs `linksChat`). */
  alreadySubscribed?: boolean;
  settings: NewsletterSettings;
}): OutgoingEmail {
  const { settings } = input;
  const via = describeSource(input.source);
  const linkOnly = input.linksChat === true && input.alreadySubscribed === true;
  const subject = linkOnly
    ? `Link your ${via} account to ${settings.name}`
    : `Confirm your subscription to ${settings.name}`;
  const heading = linkOnly ? `Link your ${via} account?` : 'Please confirm your subscription';
  const linkNote = input.linksChat
    ? ` Confirming also links the ${via} account that asked to this subscription, so its practice questions and the digest's share one schedule; unsubscribing undoes that.`
    : '';
  const asked = linkOnly
    ? `Someone, hopefully you, asked via ${via} to link their ${via} account to the ${settings.name} subscription of ${input.to}. You are already subscribed; confirming changes nothing else. Linked, practice questions on ${via} and in the digest share one schedule; unsubscribing undoes that.`
    : `Someone, hopefully you, asked via ${via} to get ${settings.name} at ${input.to}: one short email a week with one AI concept and one real use case.${linkNote}`;
  const ignore = linkOnly
    ? 'If that was not you, ignore this email. Nothing is linked unless the link is used.'
    : `If that was not you, ignore this email. Nothing will be sent to this address unless the link is used.`;
  const footer = {
    reason: linkOnly
      ? `You get this one email because someone asked to link a ${via} account to your subscription to ${settings.name}.`
      : `You get this one email because your address was entered to subscribe to ${settings.name}.`,
    links: [],
    postalAddress: settings.postalAddress,
  };
  return {
    to: input.to,
    subject,
    ...renderEmail({
      subject,
      preheader: linkOnly
        ? `One click to link your ${via} practice.`
        : `One click to start getting ${settings.name}.`,
      bodyHtml: [
        `<h1 style="${S.h1}">${escapeHtml(heading)}</h1>`,
        `<p style="${S.p}">${escapeHtml(asked)}</p>`,
        button(input.confirmUrl, linkOnly ? 'Yes, link it' : 'Yes, subscribe me'),
        `<p style="${S.p}">The link works for ${input.validDays} days. ${escapeHtml(ignore)}</p>`,
      ].join('\n'),
      bodyText: [
        heading,
        '',
        asked,
        '',
        `Confirm: ${input.confirmUrl}`,
        '',
        `The link works for ${input.validDays} days. ${ignore}`,
      ].join('\n'),
      footer,
    }),
  };
}

/** The email with a link to export or delete a subscriber's data, sent on request. */
export function manageLinkEmail(input: {
  to: string;
  manageUrl: string;
  validHours: number;
  settings: NewsletterSettings;
}): OutgoingEmail {
  const { settings } = input;
  const subject = `Your ${settings.name} subscription and data`;
  const intro = `Here is the link to download or delete what ${settings.name} stores about ${input.to}, or to unsubscribe.`;
  const ignore = `If you did not ask for it, ignore this email; nothing changes.`;
  const footer = {
    reason: `You get this email because someone asked for a data link for this address.`,
    links: [],
    postalAddress: settings.postalAddress,
  };
  return {
    to: input.to,
    subject,
    ...renderEmail({
      subject,
      preheader: 'Download or delete your data.',
      bodyHtml: [
        `<h1 style="${S.h1}">Your data</h1>`,
        `<p style="${S.p}">${escapeHtml(intro)}</p>`,
        button(input.manageUrl, 'Manage my data'),
        `<p style="${S.p}">The link works for ${input.validHours} hours. ${escapeHtml(ignore)}</p>`,
      ].join('\n'),
      bodyText: [
        'Your data',
        '',
        intro,
        '',
        `Manage: ${input.manageUrl}`,
        '',
        `The link works for ${input.validHours} hours. ${ignore}`,
      ].join('\n'),
      footer,
    }),
  };
}
