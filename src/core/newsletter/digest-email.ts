import type { DigestTemplate } from './compose-digest.js';
import type { OutgoingEmail } from './ports.js';
import type { RecallBlock } from './recall-block.js';
import { type NewsletterSettings, newsletterLinks } from './settings.js';
import type { TokenSigner } from './tokens.js';

/** How long the "your data" link in a digest keeps working. Unsubscribe links never expire. */
export const MANAGE_LINK_IN_DIGEST_DAYS = 90;

/** A List-Id phrase may not contain the characters that delimit it. */
function listIdHeader(settings: NewsletterSettings): string {
  return `${settings.name.replace(/[<>"\\\r\n]/g, '').trim()} <${settings.listId}>`;
}

/**
 * One recipient's copy of a digest, with the headers bulk mail needs in 2026:
 * List-Id (RFC 2919), List-Unsubscribe with an https URL plus
 * List-Unsubscribe-Post (RFC 8058 one-click), and a Message-ID derived from
 * the delivery id, so the rare duplicate from the crash window carries the same
 * id and mail clients can collapse it.
 */
export function digestEmailFor(input: {
  template: DigestTemplate;
  settings: NewsletterSettings;
  signer: TokenSigner;
  to: string;
  subscriberId: string;
  /** Stable per delivery; null for test copies. */
  deliveryId: string | null;
  weekKey: string;
  now: Date;
  /** This recipient's "Check yourself" block (see recall-check.ts); none for new subscribers. */
  recall?: RecallBlock | null;
}): OutgoingEmail {
  const { template, settings, signer } = input;
  const links = newsletterLinks(settings.baseUrl);
  const unsubscribeUrl = links.unsubscribe(signer.sign('unsubscribe', input.subscriberId, null));
  const manageExpiry = new Date(input.now.getTime() + MANAGE_LINK_IN_DIGEST_DAYS * 86_400_000);
  const manageUrl = links.manage(signer.sign('manage', input.subscriberId, manageExpiry));
  const { html, text } = template.personalize({ unsubscribeUrl, manageUrl, recall: input.recall ?? null });
  return {
    to: input.to,
    subject: template.subject,
    html,
    text,
    headers: {
      'List-Id': listIdHeader(settings),
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    ...(input.deliveryId
      ? { messageId: `<${input.weekKey}.${input.deliveryId}@${settings.messageIdDomain}>` }
      : {}),
  };
}
