import type { Library } from '../content/types.js';
import { errorFields } from '../errors.js';
import type { Clock, Logger } from '../ports.js';
import { subscriberLearner } from '../practice/learner-id.js';
import { practiceItems } from '../practice/practice-items.js';
import type { Graded, PracticeService } from '../practice/practice-service.js';
import type { PracticeStore } from '../practice/practice-store.js';
import type { PracticeItem } from '../practice/types.js';
import type { DigestStore, SubscriberStore } from './ports.js';
import type { RecallBlock } from './recall-block.js';
import { pickRecallItem } from './recall-pick.js';
import type { RecallClaim, RecallTokens } from './recall-token.js';
import { newsletterLinks } from './settings.js';
import type { DigestIssue } from './types.js';

/** How long a recall link in a digest keeps working. */
export const RECALL_LINK_DAYS = 60;

/** The subscriber id test copies and previews are signed for: it belongs to nobody. */
export const NOBODY = '00000000-0000-4000-8000-000000000000';

/** Why a recall link shows no question: forged or malformed, too old, or pointing at something gone. */
export type RecallRefusal = 'invalid' | 'expired' | 'unknown';

/** A recall link that checks out: the question and the option it stands for. */
export interface RecallOpened {
  ok: true;
  claim: RecallClaim;
  item: PracticeItem;
}

/** The recall check of the digest: pick each subscriber's question, and take the answers. */
export interface RecallCheck {
  /** The block for one subscriber's copy of `issue`, or null (new subscriber, nothing earlier to ask). */
  blockFor(
    subscriberId: string,
    issue: Pick<DigestIssue, 'weekKey' | 'conceptSlug'>,
  ): Promise<RecallBlock | null>;
  /** A block for previews and test copies, signed for nobody (its links say "not valid" on answer). */
  sampleFor(weekKey: string): Promise<RecallBlock | null>;
  /** GET: what a link asks. Records nothing, because link scanners fetch every URL in an email. */
  open(token: string): Promise<RecallOpened | { ok: false; reason: RecallRefusal }>;
  /** POST: records the answer at most once; a replay gets the first answer's feedback. */
  answer(token: string): Promise<(Graded & { claim: RecallClaim }) | { ok: false; reason: RecallRefusal }>;
}

/** Dependencies of {@link createRecallCheck}. */
export interface RecallCheckDeps {
  subscribers: Pick<SubscriberStore, 'findById' | 'conceptsSent'>;
  digests: Pick<DigestStore, 'findIssue' | 'history'>;
  practiceStore: Pick<PracticeStore, 'statesOf' | 'findShown' | 'recordShown'>;
  practice: Pick<PracticeService, 'answer'>;
  tokens: RecallTokens;
  library: () => Library;
  baseUrl: string;
  clock: Clock;
  logger: Logger;
}

/**
 * Spaced retrieval by email. Each subscriber is the practice learner
 * `subscriber:<id>`, so what they answer in the digest and what they practise
 * elsewhere share one FSRS schedule. The answer's idempotency key is derived
 * from (issue, subscriber, item), so one email records one answer, whichever
 * option link and however often it is posted.
 */
export function createRecallCheck(deps: RecallCheckDeps): RecallCheck {
  const items = new WeakMap<Library, { list: PracticeItem[]; byId: Map<string, PracticeItem> }>();
  const itemsOf = () => {
    const library = deps.library();
    let entry = items.get(library);
    if (!entry) {
      const list = practiceItems(library);
      entry = { list, byId: new Map(list.map((item) => [item.id, item])) };
      items.set(library, entry);
    }
    return entry;
  };

  const blockOf = (subscriberId: string, weekKey: string, item: PracticeItem): RecallBlock => {
    const expiresAt = new Date(deps.clock.now().getTime() + RECALL_LINK_DAYS * 86_400_000);
    const links = newsletterLinks(deps.baseUrl);
    return {
      title: item.title,
      question: item.question,
      options: item.choices.map((label, choice) => ({
        label,
        url: links.recall(deps.tokens.sign({ subscriberId, weekKey, itemId: item.id, choice }, expiresAt)),
      })),
    };
  };

  const check = async (token: string) => {
    const claim = deps.tokens.verify(token, deps.clock.now());
    if (claim === null) return { ok: false as const, reason: 'invalid' as const };
    if (claim === 'expired') return { ok: false as const, reason: 'expired' as const };
    const item = itemsOf().byId.get(claim.itemId);
    const [issue, subscriber] = await Promise.all([
      deps.digests.findIssue(claim.weekKey),
      deps.subscribers.findById(claim.subscriberId),
    ]);
    // A deleted subscriber's links point at nothing: an answer must not recreate data about them.
    if (!item || !issue || !subscriber || claim.choice >= item.choices.length)
      return { ok: false as const, reason: 'unknown' as const };
    return { ok: true as const, claim, item };
  };

  return {
    async blockFor(subscriberId, issue) {
      // Two queries side by side, not the whole data export: this runs once for every message of the digest.
      const [sent, states] = await Promise.all([
        deps.subscribers.conceptsSent({ id: subscriberId, beforeWeekKey: issue.weekKey }),
        deps.practiceStore.statesOf(subscriberLearner(subscriberId)),
      ]);
      if (sent.length === 0) return null;
      const received = new Map<string, Date>();
      for (const d of sent)
        if (d.conceptSlug !== issue.conceptSlug && !received.has(d.conceptSlug))
          received.set(d.conceptSlug, d.sentAt);
      const item = pickRecallItem({ items: itemsOf().list, received, states, now: deps.clock.now() });
      return item ? blockOf(subscriberId, issue.weekKey, item) : null;
    },

    async sampleFor(weekKey) {
      const history = await deps.digests.history();
      const received = new Map<string, Date>();
      for (const h of history) if (h.weekKey < weekKey) received.set(h.conceptSlug, h.scheduledFor);
      const item = pickRecallItem({
        items: itemsOf().list,
        received,
        states: [],
        // Any earlier issue will do for a sample, however recent.
        now: new Date(8.64e15),
      });
      return item ? blockOf(NOBODY, weekKey, item) : null;
    },

    open: check,

    async answer(token) {
      const opened = await check(token);
      if (!opened.ok) return opened;
      const { claim, item } = opened;
      const learner = subscriberLearner(claim.subscriberId);
      const shownId = `email:${claim.weekKey}:${claim.subscriberId}:${claim.itemId}`;
      // The showing is created on the first POST, never on GET. Two POSTs racing both try to create it;
      // the loser's insert fails and its answer below finds the winner's row (and gets a replay).
      if (!(await deps.practiceStore.findShown(shownId))) {
        await deps.practiceStore
          .recordShown({ id: shownId, learner, itemId: item.id, shownAt: deps.clock.now(), answer: null })
          .catch((error: unknown) => {
            deps.logger.info('recall showing already recorded by a concurrent answer', errorFields(error));
          });
      }
      const graded = await deps.practice.answer(learner, { shownId, itemId: item.id, choice: claim.choice });
      if (!graded.ok) return { ok: false, reason: 'unknown' };
      return { ...graded, claim };
    },
  };
}
