import type { Mailer, SendResult } from './ports.js';

/** `error` of a send refused because the address is suppressed. */
export const SUPPRESSED_ERROR = 'suppressed: the address bounced or complained; not sent';

/** True for the result {@link withSuppression} gives a suppressed address. */
export function isSuppressedResult(result: SendResult): boolean {
  return result.status === 'failed' && result.error === SUPPRESSED_ERROR;
}

/**
 * A mailer that never sends to a suppressed address: the one gate every
 * account email (confirmation, data link) passes, so a hard bounce or a
 * complaint is final whatever path asks for a send. The refusal is a
 * permanent failure that callers recognise and keep silent about, so no
 * reply reveals that an address is suppressed. The digest does not go
 * through here: its recipient query leaves suppressed addresses out.
 */
export function withSuppression(mailer: Mailer, isSuppressed: (email: string) => Promise<boolean>): Mailer {
  return {
    get description() {
      return mailer.description;
    },
    async send(email) {
      if (await isSuppressed(email.to.trim().toLowerCase()))
        return { status: 'failed', kind: 'permanent', error: SUPPRESSED_ERROR };
      return mailer.send(email);
    },
    close: () => mailer.close(),
  };
}
