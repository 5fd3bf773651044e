import type { Concept, Library, UseCase } from '../content/types.js';
import { TutorError, UserFacingError } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import type { DigestJob, DigestPreview } from './digest-job.js';
import { parseEmailAddress } from './email-address.js';
import type { DigestStore } from './ports.js';
import type { NewsletterSettings } from './settings.js';
import type { DigestIssue, DigestPin } from './types.js';
import { isoWeekKey, parseWeekKey } from './week-key.js';
import type { WelcomeCounts, WelcomeStore } from './welcome-store.js';
import { trackAhead, trackOrder } from './welcome-track.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The input with its optional week key validated and normalised (`2026w48` → `2026-W48`). */
function withWeek<T extends { weekKey?: string }>(input: T): T {
  return input.weekKey === undefined ? input : { ...input, weekKey: parseWeekKey(input.weekKey) };
}

/** One issue that went out, with its content as the live library has it now (null when since removed). */
export interface ArchiveEntry {
  weekKey: string;
  conceptSlug: string;
  useCaseSlug: string;
  /** When the issue was due to go out (its cron occurrence): the date feeds publish it under. */
  publishedAt: Date;
  concept: Concept | null;
  useCase: UseCase | null;
}

/** Dependencies of {@link createDigestService}. */
export interface DigestServiceDeps {
  job: DigestJob;
  digests: DigestStore;
  library: () => Library;
  settings: NewsletterSettings;
  clock: Clock;
  logger: Logger;
  /** The welcome emails and the welcome track (decision 013); without it `welcomeTrack()` is null. */
  welcomes?: WelcomeStore;
}

/** Where one subscriber on the welcome track is, for the admin digest page. */
export interface TrackPosition {
  email: string;
  level: 'all' | 'beginner';
  trackSince: Date;
  welcomeStatus: 'pending' | 'sending' | 'sent' | 'failed';
  /** Track concepts they have to catch up on in all: what the weekly issue taught before they joined, at their level. */
  length: number;
  /** Of those, how many they received or have on the way. */
  done: number;
  /** The next track concept they get; null once caught up (they get the weekly issue). */
  next: string | null;
}

/** The welcome track at a glance: welcome emails by outcome, and the newest subscribers on the track. */
export interface WelcomeTrackStatus {
  welcome: WelcomeCounts;
  /** Active subscribers who joined the track (confirmed since it exists). */
  total: number;
  /** The newest `limit` of them, with their position. */
  members: TrackPosition[];
}

/** The digest's use cases for every surface (admin console, CLI, public archive). */
export type DigestService = ReturnType<typeof createDigestService>;

/**
 * What people do with the digest, once, for every adapter: preview a week,
 * pin its content (checked by rendering it, and put back when unusable),
 * send, test-send, retry failures, read the status and the archive. The
 * store stays behind this service; adapters only translate and render.
 */
export function createDigestService(deps: DigestServiceDeps) {
  const { job, digests, settings, clock, logger } = deps;

  const toEntry = (issue: {
    weekKey: string;
    conceptSlug: string;
    useCaseSlug: string;
    scheduledFor: Date;
  }): ArchiveEntry => {
    const library = deps.library();
    return {
      weekKey: issue.weekKey,
      conceptSlug: issue.conceptSlug,
      useCaseSlug: issue.useCaseSlug,
      publishedAt: issue.scheduledFor,
      concept: library.conceptBySlug.get(issue.conceptSlug) ?? null,
      useCase: library.useCaseBySlug.get(issue.useCaseSlug) ?? null,
    };
  };

  return {
    /** This week's key in DIGEST_TZ, e.g. 2026-W48. */
    currentWeek: (): string => isoWeekKey(clock.now(), settings.timeZone),

    /** The week an admin works on: this week's until its issue is created, then next week's. */
    async nextWeek(): Promise<string> {
      const now = clock.now();
      const current = isoWeekKey(now, settings.timeZone);
      const issue = await digests.findIssue(current);
      return issue && issue.status !== 'skipped' && issue.status !== 'draft'
        ? isoWeekKey(new Date(now.getTime() + WEEK_MS), settings.timeZone)
        : current;
    },

    /** A week's issue, or null when it was not created. */
    issue: async (weekKey: string): Promise<DigestIssue | null> => digests.findIssue(parseWeekKey(weekKey)),

    /** A week's pin, or null. */
    pinOf: async (weekKey: string): Promise<DigestPin | null> => digests.getPin(parseWeekKey(weekKey)),

    /** The issue of a week as it is or would be, rendered, without recording anything. */
    preview: async (input: { weekKey?: string } = {}): Promise<DigestPreview> =>
      job.preview(input.weekKey ? { weekKey: parseWeekKey(input.weekKey) } : {}),

    /**
     * Pins a coming week's concept and/or use case. Refuses slugs the library
     * does not have and weeks whose issue already exists; then renders the
     * week with the pin, and puts the previous pin back when the picker
     * cannot use it (a concept without a linked use case). Throws
     * UserFacingError (PIN_EMPTY, PIN_UNKNOWN, PIN_TOO_LATE, PIN_UNUSABLE).
     */
    async pin(input: {
      weekKey: string;
      conceptSlug: string | null;
      useCaseSlug: string | null;
    }): Promise<{ pin: DigestPin; preview: DigestPreview }> {
      const pin: DigestPin = {
        weekKey: parseWeekKey(input.weekKey),
        conceptSlug: input.conceptSlug?.trim() || null,
        useCaseSlug: input.useCaseSlug?.trim() || null,
      };
      if (!pin.conceptSlug && !pin.useCaseSlug)
        throw new UserFacingError(
          'PIN_EMPTY',
          'Choose a concept, a use case or both to pin; to go back to the automatic pick, clear the pin.',
        );
      const library = deps.library();
      if (pin.conceptSlug && !library.conceptBySlug.has(pin.conceptSlug))
        throw new UserFacingError(
          'PIN_UNKNOWN',
          `There is no concept "${pin.conceptSlug}". Slugs are the file names in content/concepts without .md.`,
        );
      if (pin.useCaseSlug && !library.useCaseBySlug.has(pin.useCaseSlug))
        throw new UserFacingError(
          'PIN_UNKNOWN',
          `There is no use case "${pin.useCaseSlug}". Slugs are the file names in content/use-cases without .md.`,
        );
      const issue = await digests.findIssue(pin.weekKey);
      if (issue && issue.status !== 'skipped')
        throw new UserFacingError(
          'PIN_TOO_LATE',
          `The issue for ${pin.weekKey} already exists (${issue.conceptSlug} + ${issue.useCaseSlug}); a pin only applies to issues not created yet.`,
        );
      const previous = await digests.getPin(pin.weekKey);
      await digests.setPin(pin);
      try {
        const preview = await job.preview({ weekKey: pin.weekKey });
        logger.info('pinned', {
          week: pin.weekKey,
          concept: pin.conceptSlug,
          useCase: pin.useCaseSlug,
        });
        return { pin, preview };
      } catch (error) {
        if (previous) await digests.setPin(previous);
        else await digests.clearPin(pin.weekKey);
        if (!(error instanceof TutorError)) throw error;
        throw new UserFacingError('PIN_UNUSABLE', `Not pinned: ${error.message}`, { cause: error });
      }
    },

    /** Clears a week's pin; false when it had none. */
    unpin: async (weekKey: string): Promise<boolean> => digests.clearPin(parseWeekKey(weekKey)),

    /** `tutor digest send`: the idempotent job for a week (default this week), now, without the catch-up cutoff. */
    send: async (input: Parameters<DigestJob['runNow']>[0] = {}) => job.runNow(withWeek(input)),

    /** One test copy to `to` (validated), subject marked [Test]; nothing is recorded. */
    sendTest: async (input: { to: string; weekKey?: string }) =>
      job.sendTest({
        to: parseEmailAddress(input.to),
        ...(input.weekKey ? { weekKey: parseWeekKey(input.weekKey) } : {}),
      }),

    /** Failed deliveries of still-active subscribers of a week (default the latest issue) go out again. */
    retryFailed: async (input: Parameters<DigestJob['retryFailed']>[0] = {}) =>
      job.retryFailed(withWeek(input)),

    /** Counts by status and the failures of a week (default the latest issue); null before the first issue. */
    status: async (input: Parameters<DigestJob['status']>[0] = {}) => job.status(withWeek(input)),

    /** The welcome emails and where the newest subscribers are on the welcome track; null without a welcome store. */
    async welcomeTrack(input: { limit?: number } = {}): Promise<WelcomeTrackStatus | null> {
      if (!deps.welcomes) return null;
      const [welcome, list] = await Promise.all([
        deps.welcomes.counts(),
        deps.welcomes.trackMembers({ limit: input.limit ?? 100 }),
      ]);
      const track = trackOrder(deps.library());
      return {
        welcome,
        total: list.total,
        members: list.members.map((m) => {
          const { length, ahead } = trackAhead({ track, candidate: m, earlierIssues: list.earlierIssues });
          return {
            email: m.email,
            level: m.level,
            trackSince: m.trackSince,
            welcomeStatus: m.welcomeStatus,
            length,
            done: length - ahead.length,
            next: ahead[0]?.slug ?? null,
          };
        }),
      };
    },

    /** Every issue that went out, newest first. */
    async archive(): Promise<ArchiveEntry[]> {
      return (await digests.history()).reverse().map(toEntry);
    },

    /** One issue of the archive; null when that week has none that went out (or the key is malformed). */
    async archiveIssue(weekKey: string): Promise<ArchiveEntry | null> {
      if (!/^\d{4}-W\d{2}$/.test(weekKey)) return null;
      const issue = (await digests.history()).find((i) => i.weekKey === weekKey);
      return issue ? toEntry(issue) : null;
    },
  };
}
