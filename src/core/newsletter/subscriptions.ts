import { errorFields, UserFacingError } from '../errors.js';
import type { Clock, Logger, NewsletterSignup, SubscriptionState } from '../ports.js';
import { subscriberLearner } from '../practice/learner-id.js';
import { mergeStates } from '../practice/learner-linking.js';
import type { PracticeStore } from '../practice/practice-store.js';
import { parseTimeZone } from '../time/time-zone.js';
import { confirmationEmail, manageLinkEmail } from './account-emails.js';
import { type BackgroundTasks, createBackgroundTasks } from './background-tasks.js';
import { parseEmailAddress } from './email-address.js';
import type { ConsentedOutcome, Mailer, SubscriberStore } from './ports.js';
import { applyPreferencesChange, DEFAULT_TIME_ZONE_CHOICE, parsePreferencesChange } from './preferences.js';
import { type NewsletterSettings, newsletterLinks } from './settings.js';
import { isSuppressedResult } from './suppression-guard.js';
import { createConfirmToken, hashConfirmToken, type TokenSigner } from './tokens.js';
import type { Subscriber, SubscriberExport } from './types.js';
import { isoWeekKey } from './week-key.js';

/** Unconfirmed subscriptions (and their links) expire after this long. */
export const CONFIRM_VALID_DAYS = 7;
/** A second confirmation email within this window is not sent: the form must not become a mail cannon. */
export const CONFIRM_RESEND_MINUTES = 10;
/** How long a data link sent on request works. */
export const MANAGE_LINK_REQUEST_HOURS = 24;
/** At most one data link per address in this window, however often the form is sent. */
export const MANAGE_LINK_RESEND_MINUTES = 10;

/** Dependencies of {@link createSubscriptions}. */
export interface SubscriptionsDeps {
  store: SubscriberStore;
  mailer: Mailer;
  signer: TokenSigner;
  settings: NewsletterSettings;
  clock: Clock;
  logger: Logger;
  /** Where emails that must not delay a reply are sent from (default: a queue of its own). */
  tasks?: BackgroundTasks;
  /**
   * Practice states, to merge a chat learner's practice into the subscriber's
   * when a confirmation links them (Discord `/subscribe`); without it the
   * link is made and nothing is copied.
   */
  practiceStore?: Pick<PracticeStore, 'statesOf' | 'saveState'>;
  /** Run in the background after a confirmation (the welcome email, decision 013); awaited by `idle()`. */
  afterConfirm?: () => Promise<unknown>;
}

/** Result of a link that carries a token. */
export type TokenOutcome<T extends string> = { outcome: T | 'invalid' | 'expired'; email?: string };

/** Subscribing, confirming, unsubscribing and data rights: every surface (web, chat, CLI) goes through this. */
export type Subscriptions = ReturnType<typeof createSubscriptions>;

/** Trims a consent source and checks it says something (1 to 200 characters); throws a UserFacingError otherwise. */
export function checkConsentSource(source: string): string {
  const trimmed = source.trim();
  if (trimmed === '' || trimmed.length > 200)
    throw new UserFacingError(
      'CONSENT_SOURCE_INVALID',
      'The consent source must be 1 to 200 characters saying where consent came from, e.g. "import:crm-2026-05".',
    );
  return trimmed;
}

/**
 * The subscription side of the newsletter. Replies never reveal whether an
 * address is known (same message for new, pending, active or unsubscribed),
 * consent is double opt-in with its time and source stored, and every link
 * is either a stored-hash token (confirm) or a signed one (unsubscribe, data).
 */
export function createSubscriptions(deps: SubscriptionsDeps) {
  const { store, mailer, signer, settings, clock, logger } = deps;
  const links = newsletterLinks(settings.baseUrl);
  const tasks = deps.tasks ?? createBackgroundTasks({ logger });

  const send = async (email: Parameters<Mailer['send']>[0], what: string) => {
    const result = await mailer.send(email);
    // A suppressed address gets the same reply as any other: nothing may tell that it bounced.
    if (result.status === 'sent' || isSuppressedResult(result)) return;
    logger.error(`could not send the ${what} email`, {
      error: result.error,
      kind: result.kind,
      mailer: mailer.description,
    });
    throw new UserFacingError(
      'MAIL_UNAVAILABLE',
      `We could not send the ${what} email just now. Please try again in a few minutes.`,
    );
  };

  const bySignedToken = async (
    purpose: 'unsubscribe' | 'manage',
    token: string,
  ): Promise<Subscriber | 'invalid' | 'expired'> => {
    const verified = signer.verify(purpose, token, clock.now());
    if (verified === null || verified === 'expired') return verified ?? 'invalid';
    return (await store.findById(verified.subscriberId)) ?? 'invalid';
  };

  const signup: NewsletterSignup = {
    async subscribe(input) {
      const email = parseEmailAddress(input.email);
      const source = checkConsentSource(input.source);
      const now = clock.now();
      const subscriber = await store.ensurePending({ email, now });
      const reply = {
        message: `Thanks! If ${email} can receive ${settings.name}, a confirmation link is on its way to it. Click it within ${CONFIRM_VALID_DAYS} days; nothing is sent until you do.`,
      };
      // An active address gets nothing more, unless a chat account asks to be linked to it: then
      // the email asks the mailbox's owner to confirm the link (Discord cannot vouch for addresses).
      const active = subscriber.status === 'active';
      if (active && !input.learner) return reply;
      // An unused link sent minutes ago is still on its way; a used one means this is a new request.
      const last = await store.lastUnusedConfirmTokenAt(subscriber.id);
      if (last && now.getTime() - last.getTime() < CONFIRM_RESEND_MINUTES * 60_000) return reply;
      const { token, hash } = createConfirmToken();
      await store.addConfirmToken({
        subscriberId: subscriber.id,
        tokenHash: hash,
        source,
        ...(input.learner ? { learner: input.learner } : {}),
        expiresAt: new Date(now.getTime() + CONFIRM_VALID_DAYS * 86_400_000),
        now,
      });
      await send(
        confirmationEmail({
          to: email,
          confirmUrl: links.confirm(token),
          source,
          validDays: CONFIRM_VALID_DAYS,
          linksChat: input.learner !== undefined,
          alreadySubscribed: active,
          settings,
        }),
        'confirmation',
      );
      return reply;
    },

    async unsubscribe(input) {
      const email = parseEmailAddress(input.email);
      const source = checkConsentSource(input.source);
      const subscriber = await store.findByEmail(email);
      if (subscriber && (await store.unsubscribe({ id: subscriber.id, now: clock.now() }))) {
        logger.info('unsubscribed', { source });
      }
      return {
        message: `Done: ${email} will not get ${settings.name} any more. Changed your mind? You can subscribe again any time.`,
      };
    },
  };

  return {
    ...signup,

    /** Uses a confirm link. Idempotent: a second click on a used link still says "confirmed". */
    async confirm(
      token: string,
      choices: { timeZone?: string } = {},
    ): Promise<TokenOutcome<'confirmed' | 'already-confirmed'>> {
      // The zone asked on the confirm page (pre-filled by the browser), checked before anything is confirmed.
      const timeZone =
        choices.timeZone === undefined || choices.timeZone === DEFAULT_TIME_ZONE_CHOICE
          ? null
          : parseTimeZone(choices.timeZone);
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { outcome: 'invalid' };
      const { outcome, subscriber, linked } = await store.confirm({
        tokenHash: hashConfirmToken(token),
        now: clock.now(),
      });
      // Only the confirming click sets it; a replayed form leaves the zone to the preference center.
      if (outcome === 'confirmed' && subscriber && timeZone !== null)
        await store.setPreferences({
          id: subscriber.id,
          preferences: { ...subscriber.preferences, timeZone },
          now: clock.now(),
        });
      if (outcome === 'confirmed') {
        logger.info('subscription confirmed', { source: subscriber?.consentSource, linked: !!linked });
        const after = deps.afterConfirm;
        if (after) tasks.run('newsletter: welcome email', async () => void (await after()));
      }
      if (outcome === 'confirmed' && linked && subscriber && deps.practiceStore) {
        // The link is already stored with the confirmation; copying the chat practice over is
        // best effort (a failure leaves the subscriber's own states, and the page says nothing).
        try {
          await mergeStates(deps.practiceStore, linked, subscriberLearner(subscriber.id));
        } catch (error) {
          logger.warn('could not merge chat practice into the subscriber', errorFields(error));
        }
      }
      return {
        outcome: outcome === 'unknown' ? 'invalid' : outcome,
        ...(subscriber ? { email: subscriber.email } : {}),
      };
    },

    /**
     * Where an address's subscription stands (SubscriptionStatus port). Only
     * for showing members their own address, which their chat platform
     * vouches for (Slack's App Home); never for an address someone typed.
     * Throws a UserFacingError for an invalid address.
     */
    async statusOf(email: string): Promise<SubscriptionState> {
      const subscriber = await store.findByEmail(parseEmailAddress(email));
      if (subscriber?.status === 'active') return 'subscribed';
      return subscriber?.status === 'pending' ? 'pending' : 'not-subscribed';
    },

    /** Whose unsubscribe link this is, for the confirmation page a GET shows (link scanners must not unsubscribe anyone). */
    async peekUnsubscribe(token: string): Promise<TokenOutcome<'subscribed' | 'already-unsubscribed'>> {
      const subscriber = await bySignedToken('unsubscribe', token);
      if (typeof subscriber === 'string') return { outcome: subscriber };
      const gone = subscriber.status === 'unsubscribed' || subscriber.status === 'bounced';
      return { outcome: gone ? 'already-unsubscribed' : 'subscribed', email: subscriber.email };
    },

    /** RFC 8058 one-click and the page's button. Idempotent; an unknown or deleted subscriber is already unsubscribed. */
    async unsubscribeByToken(token: string): Promise<TokenOutcome<'unsubscribed'>> {
      const subscriber = await bySignedToken('unsubscribe', token);
      if (subscriber === 'expired') return { outcome: 'expired' };
      if (subscriber === 'invalid') {
        // A well-signed token of a deleted subscriber: there is nobody left to email, which is what was asked.
        return signer.verify('unsubscribe', token, clock.now())
          ? { outcome: 'unsubscribed' }
          : { outcome: 'invalid' };
      }
      if (await store.unsubscribe({ id: subscriber.id, now: clock.now() }))
        logger.info('unsubscribed', { source: 'link' });
      return { outcome: 'unsubscribed', email: subscriber.email };
    },

    /**
     * Emails a data link to the address if it is known. The reply is the same
     * either way and comes at once: looking the address up and sending happen
     * in the background (errors are logged), so neither the wording, the
     * status nor the time taken tells whether the address is on the list.
     * At most one link per address per {@link MANAGE_LINK_RESEND_MINUTES}.
     */
    async requestManageLink(input: { email: string }): Promise<{ message: string }> {
      const email = parseEmailAddress(input.email);
      tasks.run('newsletter: data link request', async () => {
        const subscriber = await store.findByEmail(email);
        if (!subscriber) return;
        const now = clock.now();
        const notBefore = new Date(now.getTime() - MANAGE_LINK_RESEND_MINUTES * 60_000);
        if (!(await store.reserveManageLink({ id: subscriber.id, now, notBefore }))) return;
        const token = signer.sign(
          'manage',
          subscriber.id,
          new Date(now.getTime() + MANAGE_LINK_REQUEST_HOURS * 3_600_000),
        );
        const result = await mailer.send(
          manageLinkEmail({
            to: email,
            manageUrl: links.manage(token),
            validHours: MANAGE_LINK_REQUEST_HOURS,
            settings,
          }),
        );
        if (result.status === 'failed' && !isSuppressedResult(result))
          logger.error('could not send the data link email', {
            error: result.error,
            kind: result.kind,
            mailer: mailer.description,
          });
      });
      return {
        message: `If ${email} is on our list, a link to download or delete its data is on its way to it. The link works for ${MANAGE_LINK_REQUEST_HOURS} hours.`,
      };
    },

    /** Settles once every queued email has been handed to the mailer (shutdown, tests). */
    idle: (): Promise<void> => tasks.idle(),

    /** The subscriber a data link belongs to. */
    async peekManage(token: string): Promise<TokenOutcome<'ok'> & { subscriber?: Subscriber }> {
      const subscriber = await bySignedToken('manage', token);
      return typeof subscriber === 'string'
        ? { outcome: subscriber }
        : { outcome: 'ok', email: subscriber.email, subscriber };
    },

    /** Everything stored about the holder of a data link. */
    async exportByToken(token: string): Promise<SubscriberExport | 'invalid' | 'expired'> {
      const subscriber = await bySignedToken('manage', token);
      if (typeof subscriber === 'string') return subscriber;
      return (await store.exportData(subscriber.id)) ?? 'invalid';
    },

    /**
     * The preference center: stores the choices posted with a data link
     * (pause, frequency, difficulty, time zone, click counting). They apply from the next issue, because
     * an issue's recipients are fixed when it is created. Bad values throw a
     * UserFacingError naming the field; saving the same form twice changes
     * nothing the second time.
     */
    async updatePreferencesByToken(
      token: string,
      fields: { pause?: string; cadence?: string; level?: string; timeZone?: string; clicks?: string },
    ): Promise<TokenOutcome<'saved'> & { subscriber?: Subscriber }> {
      const subscriber = await bySignedToken('manage', token);
      if (typeof subscriber === 'string') return { outcome: subscriber };
      const now = clock.now();
      const change = parsePreferencesChange(fields, subscriber.preferences);
      const preferences = applyPreferencesChange(
        subscriber.preferences,
        change,
        now,
        isoWeekKey(now, settings.timeZone),
      );
      if (!(await store.setPreferences({ id: subscriber.id, preferences, now })))
        return { outcome: 'invalid' };
      logger.info('subscriber preferences saved', {
        cadence: preferences.cadence,
        level: preferences.level,
        paused: preferences.pausedUntil !== null,
        timeZone: preferences.timeZone ?? 'default',
        countClicks: preferences.countClicks,
      });
      return { outcome: 'saved', email: subscriber.email, subscriber: { ...subscriber, preferences } };
    },

    /** The preference center's unsubscribe button: the data link is proof enough. Idempotent. */
    async unsubscribeByManageToken(token: string): Promise<TokenOutcome<'unsubscribed'>> {
      const subscriber = await bySignedToken('manage', token);
      if (typeof subscriber === 'string') return { outcome: subscriber };
      if (await store.unsubscribe({ id: subscriber.id, now: clock.now() }))
        logger.info('unsubscribed', { source: 'preference center' });
      return { outcome: 'unsubscribed', email: subscriber.email };
    },

    /** Erases the holder of a data link: the row, its tokens and its delivery history. */
    async deleteByToken(token: string): Promise<TokenOutcome<'deleted'>> {
      const subscriber = await bySignedToken('manage', token);
      if (typeof subscriber === 'string') return { outcome: subscriber };
      await store.delete(subscriber.id);
      logger.info('subscriber deleted their data');
      return { outcome: 'deleted', email: subscriber.email };
    },

    /** Admin: adds an address as active with the consent source recorded (imports, `subscribers add --consent`). */
    async addConsented(input: {
      email: string;
      consentSource: string;
    }): Promise<{ email: string; outcome: ConsentedOutcome }> {
      const email = parseEmailAddress(input.email);
      const outcome = await store.addConsented({
        email,
        consentSource: checkConsentSource(input.consentSource),
        now: clock.now(),
      });
      return { email, outcome };
    },

    /** Admin: unsubscribes an address (kept, so no import re-adds it) or erases it with `erase`. */
    async remove(input: { email: string; erase: boolean }): Promise<{ email: string; found: boolean }> {
      const email = parseEmailAddress(input.email);
      const subscriber = await store.findByEmail(email);
      if (!subscriber) return { email, found: false };
      if (input.erase) await store.delete(subscriber.id);
      else await store.unsubscribe({ id: subscriber.id, now: clock.now() });
      return { email, found: true };
    },

    /** Deletes subscriptions never confirmed within {@link CONFIRM_VALID_DAYS}; returns how many. */
    async expirePending(): Promise<number> {
      const removed = await store.expirePending(
        new Date(clock.now().getTime() - CONFIRM_VALID_DAYS * 86_400_000),
      );
      if (removed > 0) logger.info('removed unconfirmed subscriptions older than 7 days', { removed });
      return removed;
    },
  };
}
