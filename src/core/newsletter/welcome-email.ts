import { MANAGE_LINK_IN_DIGEST_DAYS } from './digest-email.js';
import { renderEmail, EMAIL_STYLE as S } from './email-layout.js';
import { escapeHtml } from './html.js';
import type { OutgoingEmail } from './ports.js';
import { type NewsletterSettings, newsletterLinks } from './settings.js';
import type { TokenSigner } from './tokens.js';

/**
 * The one welcome email a subscriber gets after confirming: what to expect,
 * how to practise, how to leave. It carries the same List-Unsubscribe
 * headers as a digest, and a Message-ID derived from the subscriber, so the
 * rare duplicate from the crash window carries the same id as the first copy.
 */
export function welcomeEmailFor(input: {
  settings: NewsletterSettings;
  signer: TokenSigner;
  to: string;
  subscriberId: string;
  now: Date;
}): OutgoingEmail {
  const { settings, signer } = input;
  const links = newsletterLinks(settings.baseUrl);
  const unsubscribeUrl = links.unsubscribe(signer.sign('unsubscribe', input.subscriberId, null));
  const manageExpiry = new Date(input.now.getTime() + MANAGE_LINK_IN_DIGEST_DAYS * 86_400_000);
  const manageUrl = links.manage(signer.sign('manage', input.subscriberId, manageExpiry));
  const practiceUrl = `${settings.baseUrl}/practice`;
  const subject = `Welcome to ${settings.name}`;
  const expect = `One short email a week: one AI concept, explained in a few minutes, and one real use case of a team that put it to work. Your first issues start from the beginning of the library, with the beginner concepts others got before you joined, until you have caught up; then you get the weekly issue with everyone else. You never get the same concept twice.`;
  const practise = `Each issue asks you to guess before you read, and from your second issue on it starts with one "Check yourself" question on a concept you had earlier: click an answer and you see at once whether it was right. Questions come back when you are about to forget them. You can practise any time on the web, too.`;
  const leave = `Every email has an unsubscribe link at the bottom; one click is enough. From the preference page you can also pause for a few weeks, switch to every other week, get beginner concepts only, or download or delete your data.`;
  const footer = {
    reason: `You get this one welcome email because you confirmed your subscription to ${settings.name}.`,
    links: [
      { label: 'Unsubscribe', url: unsubscribeUrl },
      { label: 'Preferences and your data', url: manageUrl },
    ],
    postalAddress: settings.postalAddress,
  };
  return {
    to: input.to,
    subject,
    ...renderEmail({
      subject,
      preheader: 'What to expect, how to practise, and how to leave.',
      bodyHtml: [
        `<h1 style="${S.h1}">Welcome to ${escapeHtml(settings.name)}</h1>`,
        `<h2 style="${S.h2}">What to expect</h2>`,
        `<p style="${S.p}">${escapeHtml(expect)}</p>`,
        `<h2 style="${S.h2}">How to practise</h2>`,
        `<p style="${S.p}">${escapeHtml(practise)} <a href="${escapeHtml(practiceUrl)}" style="${S.link}">Practise on the web</a></p>`,
        `<h2 style="${S.h2}">How to leave</h2>`,
        `<p style="${S.p}">${escapeHtml(leave)} <a href="${escapeHtml(manageUrl)}" style="${S.link}">Your preferences</a></p>`,
      ].join('\n'),
      bodyText: [
        `Welcome to ${settings.name}`,
        '',
        'WHAT TO EXPECT',
        expect,
        '',
        'HOW TO PRACTISE',
        practise,
        `Practise on the web: ${practiceUrl}`,
        '',
        'HOW TO LEAVE',
        leave,
        `Your preferences: ${manageUrl}`,
        '',
      ].join('\n'),
      footer,
    }),
    headers: {
      'List-Id': `${settings.name.replace(/[<>"\\\r\n]/g, '').trim()} <${settings.listId}>`,
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    messageId: `<welcome.${input.subscriberId}@${settings.messageIdDomain}>`,
  };
}
