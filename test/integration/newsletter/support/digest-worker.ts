/**
 * One digest sender as its own process, for the crash and replica tests: it
 * opens the database and the SMTP transport the way the service does, runs
 * the job for WEEK, then keeps resuming (like the service's one-minute tick,
 * but fast) until the issue is complete. Started with child_process.fork.
 *
 * env: DATABASE_URL, SMTP_URL, DATA_DIR, WEEK, LEASE_MS, BATCH_SIZE, WAIT_FOR_GO, plus any config.
 * With SCHEDULED_FOR (a cron occurrence) and CLOCK_AT (where the clock starts;
 * it then runs at real speed), the first run is the scheduled one, which
 * honours each subscriber's local send time, instead of `tutor digest send`.
 */
import { openAppDatabase } from '../../../../src/adapters/db/open-app-database.js';
import { createConsoleLogger } from '../../../../src/adapters/log/console-logger.js';
import { loadConfig } from '../../../../src/config/load-config.js';
import { openNewsletter } from '../../../../src/wiring/newsletter.js';
import { fixtureLibrary } from '../../../core/newsletter/support/library.js';

const config = loadConfig(process.env);
const logger = createConsoleLogger({
  level: 'warn',
  write: (line) => process.stderr.write(`[worker ${process.pid}] ${line}\n`),
});
// A fake clock that starts at CLOCK_AT and runs at real speed, so leases still expire as they would.
const clockOffset = process.env.CLOCK_AT ? new Date(process.env.CLOCK_AT).getTime() - Date.now() : 0;
const clock = { now: () => new Date(Date.now() + clockOffset) };
const database = await openAppDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, logger });
const library = await fixtureLibrary();
const newsletter = openNewsletter({
  config,
  logger,
  clock,
  database,
  library: () => library,
  delivery: {
    leaseMs: Number(process.env.LEASE_MS ?? 600_000),
    batchSize: Number(process.env.BATCH_SIZE ?? 20),
  },
});
const week = process.env.WEEK!;
process.send?.({ type: 'ready' });
// Replica tests start every worker at the same moment.
if (process.env.WAIT_FOR_GO) await new Promise<void>((resolve) => process.once('message', () => resolve()));

let sent = 0;
let resumed = 0;
const first = process.env.SCHEDULED_FOR
  ? await newsletter.digestJob.runScheduled({ scheduledFor: new Date(process.env.SCHEDULED_FOR) })
  : await newsletter.digestJob.runNow({ weekKey: week });
if (first.action !== 'delivered') throw new Error(`the first run did not deliver: ${JSON.stringify(first)}`);
sent += first.delivery.sent;
resumed += first.delivery.resumed;
while ((await newsletter.services.digest.issue(week))?.status !== 'sent') {
  await new Promise((r) => setTimeout(r, 200));
  for (const report of await newsletter.digestJob.resumeOpen()) {
    if (report.action === 'delivered') {
      sent += report.delivery.sent;
      resumed += report.delivery.resumed;
    }
  }
}
process.send?.({ type: 'done', sent, resumed });
await newsletter.close();
await database.close();
process.exit(0);
