import type { ReminderSender, ReminderSendResult } from '../../src/core/practice/reminders/types.js';

/** A reminder sender that records each DM it was asked to send; `failWith` scripts the next results. */
export function createRecordingReminderSender() {
  const sent: Array<{ learner: string; target: string; due: number }> = [];
  const failures: Array<{ result: ReminderSendResult; learner: string | undefined }> = [];
  const sender: ReminderSender & {
    sent: typeof sent;
    /** The next send (to `learner` only, when given) returns `result`. */
    failNext(result: Extract<ReminderSendResult, { ok: false }>, learner?: string): void;
  } = {
    sent,
    failNext: (result, learner) => void failures.push({ result, learner }),
    async send(optIn, due) {
      const index = failures.findIndex((f) => f.learner === undefined || f.learner === optIn.learner);
      if (index >= 0) return failures.splice(index, 1)[0]!.result;
      sent.push({ learner: optIn.learner, target: optIn.target, due });
      return { ok: true };
    },
  };
  return sender;
}
