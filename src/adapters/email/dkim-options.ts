/** DKIM settings as configured (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY). */
export interface DkimConfig {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/**
 * Headers the signature covers. RFC 8058 only honours one-click unsubscribe when
 * both List-Unsubscribe and List-Unsubscribe-Post are signed; older nodemailer
 * defaults left the second out, so the list is spelled out here rather than
 * trusted to whatever version is installed.
 */
export const DKIM_HEADER_FIELDS = [
  'From',
  'Sender',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'To',
  'Cc',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'In-Reply-To',
  'References',
  'List-Id',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
].join(':');

/** nodemailer's `dkim` option; env files often carry the PEM with literal `\n`, which is undone here. */
export function dkimOptions(config: DkimConfig) {
  return {
    domainName: config.domainName,
    keySelector: config.keySelector,
    privateKey: config.privateKey.includes('\\n')
      ? config.privateKey.replace(/\\n/g, '\n')
      : config.privateKey,
    headerFieldNames: DKIM_HEADER_FIELDS,
  };
}
