import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { registerDigestPin } from './digest-pin.js';
import { registerDigestPreview } from './digest-preview.js';
import { registerDigestRetryFailed } from './digest-retry-failed.js';
import { registerDigestSend } from './digest-send.js';
import { registerDigestStatus } from './digest-status.js';

/** `tutor digest …`: the weekly digest (docs/newsletter.md). */
export function registerDigest(program: Command, ctx: CliContext): void {
  const digest = program
    .command('digest')
    .summary('The weekly digest: preview, send, status, retry-failed, pin')
    .description(
      'The weekly digest email (docs/newsletter.md). The service sends it on DIGEST_CRON; these commands preview it, send it now, show who got it, resend failures and choose coming weeks. They open the database, so on the embedded PGlite stop the service first.',
    )
    .addHelpText(
      'after',
      examples(
        ['tutor digest preview', "see this week's issue as files"],
        ['tutor digest send --to me@example.com', 'a test copy'],
        ['tutor digest send', 'send it now'],
        ['tutor digest status', 'who got it, who did not'],
      ),
    );
  registerDigestPreview(digest, ctx);
  registerDigestSend(digest, ctx);
  registerDigestStatus(digest, ctx);
  registerDigestRetryFailed(digest, ctx);
  registerDigestPin(digest, ctx);
}
