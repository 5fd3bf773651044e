import type { types } from '@slack/bolt';
import type { Concept } from '../../../core/content/types.js';
import type { PracticeSummary } from '../../../core/practice/practice-service.js';
import { STREAK_WINDOW_DAYS } from '../../../core/practice/practice-streak.js';
import type { DigestOnHome, HomeData } from '../home/home-cache.js';
import { conceptUrl } from './answer-blocks.js';
import { escapeMrkdwn } from './markdown-to-mrkdwn.js';
import { context, HOME_IDS, type SlackBlock, section } from './slack-message.js';

/** Options of {@link homeView}. */
export interface HomeViewOptions {
  publicUrl?: string | undefined;
  /** A one-off line under the digest section: what a button just did. */
  notice?: string | undefined;
  /** A one-off line under the practice section (e.g. "Practice now" could not open the DM). */
  practiceNotice?: string | undefined;
}

const heading = (text: string): SlackBlock => ({ type: 'header', text: { type: 'plain_text', text } });
const divider: SlackBlock = { type: 'divider' };

function button(
  text: string,
  actionId: string,
  style?: 'primary' | 'danger',
  confirm?: { title: string; text: string; confirm: string },
): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    ...(style ? { style } : {}),
    ...(confirm
      ? {
          confirm: {
            title: { type: 'plain_text', text: confirm.title },
            text: { type: 'mrkdwn', text: confirm.text },
            confirm: { type: 'plain_text', text: confirm.confirm },
            deny: { type: 'plain_text', text: 'Keep it' },
          },
        }
      : {}),
  };
}

const withButton = (text: string, accessory: types.Button): SlackBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text },
  accessory,
});

/** How to ask, on every surface the tutor answers. */
function howToAsk(): SlackBlock[] {
  return [
    heading('How to ask'),
    section(
      [
        "• *Open me in the AI assistant pane* (the agent icon at the top of Slack, or this app's Chat tab): pick a suggested prompt or type a question. Answers stream in, and follow-ups keep the thread's context.",
        '• *Mention me in a channel*: `@Concept Tutor what is a token?` I answer in a thread.',
        '• *Send me a DM*, any time.',
        '• *`/ask` anywhere*: `/ask What is a context window?` Where I am not a member, only you see the answer, with a button to share it.',
      ].join('\n'),
    ),
    context(
      'I answer only from the team’s library and name the articles I used. When it doesn’t cover something, I say so.',
    ),
  ];
}

/** The member's digest subscription, with the one button that changes it. */
function digestSection(digest: DigestOnHome, notice: string | undefined): SlackBlock[] {
  const blocks: SlackBlock[] = [heading('Weekly digest')];
  const email = 'email' in digest ? `*${escapeMrkdwn(digest.email)}*` : '';
  switch (digest.kind) {
    case 'unavailable':
      blocks.push(section("The weekly digest isn't available on this tutor yet."));
      break;
    case 'no-email':
      blocks.push(
        section(
          "I couldn't read an email address from your Slack profile. Use `/subscribe you@example.com` to get the digest at another address.",
        ),
      );
      break;
    case 'unknown':
      blocks.push(
        section(
          `I couldn't check the digest for ${email} just now. Open this tab again in a minute, or use \`/subscribe\` and \`/unsubscribe\`.`,
        ),
      );
      break;
    case 'subscribed':
      blocks.push(
        withButton(
          `You get one AI concept and one real use case every week at ${email}.`,
          button('Unsubscribe', HOME_IDS.unsubscribe, 'danger', {
            title: 'Stop the digest?',
            text: `No more weekly emails to ${email}. You can subscribe again any time.`,
            confirm: 'Unsubscribe',
          }),
        ),
      );
      break;
    case 'pending':
      blocks.push(
        withButton(
          `A confirmation link is on its way to ${email}. Click it to start the digest; nothing is sent until you do.`,
          button('Send the link again', HOME_IDS.subscribe),
        ),
      );
      break;
    case 'not-subscribed':
      blocks.push(
        withButton(
          `Get one AI concept and one real use case every week at ${email}, the address on your Slack profile.`,
          button('Subscribe', HOME_IDS.subscribe, 'primary'),
        ),
      );
      break;
  }
  if (notice) blocks.push(context(escapeMrkdwn(notice)));
  return blocks;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The member's practice: items due now, their day streak, and "Practice now" (tutor mode, docs/practice.md). */
function practiceSection(practice: PracticeSummary | null, notice: string | undefined): SlackBlock[] {
  const blocks: SlackBlock[] = [heading('Practice')];
  if (!practice)
    blocks.push(
      section(
        "I couldn't load your practice just now. Open this tab again in a minute, or type `/practice`.",
      ),
    );
  else {
    const due =
      practice.due > 0
        ? `*${plural(practice.due, 'question is', 'questions are')} due now.*`
        : practice.started > 0
          ? 'Nothing is due right now: you are up to date. *Practice now* brings a new question.'
          : 'You haven’t practised yet. A few questions, spaced over days, are what make ideas stick.';
    const streak =
      practice.streak >= STREAK_WINDOW_DAYS
        ? `:fire: Streak: *${STREAK_WINDOW_DAYS}+ days*.`
        : practice.streak > 0
          ? `:fire: Streak: *${plural(practice.streak, 'day', 'days')}*.`
          : 'No streak yet: answer one question today to start one.';
    blocks.push(withButton(`${due}\n${streak}`, button('Practice now', HOME_IDS.practiceNow, 'primary')));
  }
  blocks.push(
    context(
      'Questions come to our DM. `/practice` works anywhere, and *Quiz me on this later* under an answer queues that topic. A streak counts days (UTC) with at least one answer.',
    ),
  );
  if (notice) blocks.push(context(escapeMrkdwn(notice)));
  return blocks;
}

/** This week's concept, linked to its page when the tutor has public pages. */
function weekConceptSection(concept: Concept | null, publicUrl: string | undefined): SlackBlock[] {
  if (!concept) return [heading("This week's concept"), section('The library has no concepts yet.')];
  const url = conceptUrl(publicUrl, concept.slug);
  const title = escapeMrkdwn(concept.title);
  return [
    heading("This week's concept"),
    section(
      `${url ? `*<${url}|${title.replace(/\|/g, '¦')}>*` : `*${title}*`}\n${escapeMrkdwn(concept.summary)}`,
    ),
    context(
      `${escapeMrkdwn(concept.category)} · ${concept.difficulty} · Ask me: \`/ask What is ${escapeMrkdwn(concept.title)}?\``,
    ),
  ];
}

/**
 * The Home tab: how to ask, the member's practice (items due, streak,
 * "Practice now"), the digest subscription with the button that changes
 * it, and this week's concept. Each part is one section function.
 */
export function homeView(data: HomeData, options: HomeViewOptions = {}): types.HomeView {
  return {
    type: 'home',
    blocks: [
      ...howToAsk(),
      divider,
      ...practiceSection(data.practice, options.practiceNotice),
      divider,
      ...digestSection(data.digest, options.notice),
      divider,
      ...weekConceptSection(data.weekConcept, options.publicUrl),
    ],
  };
}
