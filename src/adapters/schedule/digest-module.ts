import type { ServiceModule } from '../../service-module.js';
import { createDigestScheduler } from './digest-scheduler.js';

/**
 * The weekly digest as a service module: on whenever the newsletter is (a
 * database is open). Without SMTP_URL it still runs, writing .eml files to the
 * outbox, so a fresh machine shows what would be sent.
 */
export const digestModule: ServiceModule = {
  name: 'digest',
  status(container) {
    const newsletter = container.newsletter;
    if (!newsletter) return { on: false, detail: 'no database' };
    return {
      on: true,
      detail: `"${newsletter.schedule.cron}" ${newsletter.schedule.timeZone}, via ${newsletter.mailer.description}`,
    };
  },
  async start({ container }) {
    const newsletter = container.newsletter!;
    for (const warning of newsletter.warnings) container.logger.warn(warning, { component: 'newsletter' });
    const scheduler = createDigestScheduler({
      newsletter,
      clock: container.clock,
      logger: container.logger.child({ component: 'digest' }),
      catchupHours: container.config.DIGEST_CATCHUP_HOURS,
      inFlight: container.inFlight,
    });
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= scheduler.stop());
    return {
      // Stops between messages; the message being sent finishes within the service's drain (it is in flight).
      quiesce: async () => void stop(),
      stop,
    };
  },
};
