import type { DigestService } from '../../../core/newsletter/digest-service.js';
import type { DigestIssue } from '../../../core/newsletter/types.js';
import type { StopSignal } from '../cli-types.js';
import { plural } from './digest-format.js';

/**
 * What a stopped send says: how many went out and that running the command
 * again resumes. The rows in flight were recorded before stopping, so a rerun
 * sends each remaining delivery once and none twice.
 */
export async function describeInterrupted(input: {
  signal: StopSignal;
  sent: number;
  issue: DigestIssue;
  digest: Pick<DigestService, 'status'>;
  rerun: string;
}): Promise<string> {
  const status = await input.digest.status({ weekKey: input.issue.weekKey });
  const left = status ? status.counts.pending + status.counts.sending : 0;
  return (
    `Stopped by ${input.signal}: ${plural(input.sent, 'message', 'messages')} sent in this run, ${left} still to send for ${input.issue.weekKey}.\n` +
    `Run ${input.rerun} again to send the rest; nothing already sent goes out twice.\n`
  );
}
