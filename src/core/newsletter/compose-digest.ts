import type { Concept, UseCase } from '../content/types.js';
import type { DigestLinkTracker } from './click-links.js';
import { htmlEmail, EMAIL_STYLE as S, textEmail } from './email-layout.js';
import { escapeHtml } from './html.js';
import {
  type HrefRewrite,
  inlineMarkdownToHtml,
  inlineMarkdownToText,
  paragraphs,
} from './markdown-to-email.js';
import type { IssueContent } from './pick-issue.js';
import {
  guessAnswerHtml,
  guessAnswerText,
  guessFirstHtml,
  guessFirstText,
  type RecallBlock,
  recallBlockHtml,
  recallBlockText,
} from './recall-block.js';
import { type NewsletterSettings, newsletterLinks } from './settings.js';

/** The per-recipient links of a digest. */
export interface RecipientLinks {
  unsubscribeUrl: string;
  manageUrl: string;
  /** This recipient's "Check yourself" question from an earlier issue; none for new subscribers. */
  recall?: RecallBlock | null;
}

/** A digest rendered once per issue; `personalize` only splices in one recipient's links and recall block. */
export interface DigestTemplate {
  subject: string;
  preheader: string;
  personalize(links: RecipientLinks): { html: string; text: string };
}

const UNSUBSCRIBE = '__CT_UNSUBSCRIBE_URL__';
const MANAGE = '__CT_MANAGE_URL__';
const RECALL = '__CT_RECALL_BLOCK__';

/**
 * Renders an issue (one concept, one use case) as HTML and text. Markdown is
 * rendered once here, not once per recipient: at 10,000 recipients the
 * per-message cost is a string join. With `options.track`, the links to the issue's
 * pages and the articles' own links become counted `/r/` links; the footer's
 * unsubscribe and data links and the recall links never do.
 */
export function composeDigest(
  content: IssueContent,
  settings: NewsletterSettings,
  weekKey: string,
  /**
   * `archive: false` for a copy whose concept is not the issue's (welcome track): its browser link is the article, not the week's archive page.
   * `track`: the links to the issue's pages and the articles' own links become counted `/r/` links.
   */
  options: { archive?: boolean; track?: DigestLinkTracker | undefined } = {},
): DigestTemplate {
  const { track } = options;
  const { concept, useCase } = content;
  const subject = `${concept.title}: this week's AI concept`;
  const preheader = `${concept.summary} Plus how a team used it: ${useCase.title}.`;
  const links = newsletterLinks(settings.baseUrl);
  const urls: IssueUrls = {
    browser:
      options.archive === false
        ? track
          ? track.page('concept', links.concept(concept.slug))
          : links.concept(concept.slug)
        : track
          ? track.page('archive', links.archive(weekKey))
          : links.archive(weekKey),
    concept: track ? track.page('concept', links.concept(concept.slug)) : links.concept(concept.slug),
    useCase: track ? track.page('use-case', links.useCase(useCase.slug)) : links.useCase(useCase.slug),
    inConcept: track ? (url) => track.articleLink('concept', url) : (url) => url,
    inUseCase: track ? (url) => track.articleLink('use-case', url) : (url) => url,
  };
  const footer = {
    reason: `You get ${settings.name} because you subscribed to it. One email a week, one concept and one real use case.`,
    links: [
      { label: 'Unsubscribe', url: UNSUBSCRIBE },
      { label: 'Your data (export or delete)', url: MANAGE },
    ],
    postalAddress: settings.postalAddress,
  };
  const html = htmlEmail({
    title: subject,
    preheader,
    bodyHtml: conceptHtml(concept, urls, settings.name, weekKey) + useCaseHtml(useCase, urls),
    footer,
  });
  const text = textEmail({
    bodyText: conceptText(concept, urls, settings.name, weekKey) + useCaseText(useCase, urls),
    footer,
  });
  const htmlParts = splitAt(html);
  const textParts = splitAt(text);
  return {
    subject,
    preheader,
    personalize(links) {
      const recall = links.recall ?? null;
      return {
        html: join(htmlParts, {
          [UNSUBSCRIBE]: escapeHtml(links.unsubscribeUrl),
          [MANAGE]: escapeHtml(links.manageUrl),
          [RECALL]: recall ? recallBlockHtml(recall) : '',
        }),
        text: join(textParts, {
          [UNSUBSCRIBE]: links.unsubscribeUrl,
          [MANAGE]: links.manageUrl,
          [RECALL]: recall ? recallBlockText(recall) : '',
        }),
      };
    },
  };
}

/** Where an issue's readers can read on: its archive page and the two full articles. */
interface IssueUrls {
  browser: string;
  concept: string;
  useCase: string;
  /** Links inside each article's text. */
  inConcept: HrefRewrite;
  inUseCase: HrefRewrite;
}

type Slot = typeof UNSUBSCRIBE | typeof MANAGE | typeof RECALL;

function splitAt(rendered: string): string[] {
  return rendered.split(new RegExp(`(${UNSUBSCRIBE}|${MANAGE}|${RECALL})`));
}

function join(parts: string[], values: Record<Slot, string>): string {
  return parts.map((p) => (Object.hasOwn(values, p) ? values[p as Slot] : p)).join('');
}

/** The use case's first narrative paragraph, preferring "What they built". */
function useCaseStory(useCase: UseCase): string | undefined {
  const sections = useCase.body.split(/^## /m).map((s) => s.split('\n'));
  const built =
    sections.find(([heading]) => /what they built/i.test(heading ?? '')) ??
    sections.find(([heading]) => heading !== undefined && heading.trim() !== '');
  return built ? paragraphs(built.slice(1).join('\n')).find((p) => !/^([-*]|\d+\.)\s/.test(p)) : undefined;
}

function conceptHtml(concept: Concept, urls: IssueUrls, name: string, weekKey: string): string {
  const guess = concept.checkYourself[0];
  const what = paragraphs(concept.whatItIs)
    .map((p) => `<p style="${S.p}">${inlineMarkdownToHtml(p, urls.inConcept)}</p>`)
    .join('\n');
  const steps = concept.howItWorks
    .map((step) => `<li style="${S.item}">${inlineMarkdownToHtml(step, urls.inConcept)}</li>`)
    .join('\n');
  return [
    `<p style="${S.browser}"><a href="${escapeHtml(urls.browser)}" style="${S.mutedLink}">View this issue in your browser</a></p>`,
    RECALL,
    `<p style="${S.label}">${escapeHtml(name)} &middot; ${escapeHtml(weekKey)} &middot; ${escapeHtml(concept.difficulty)}</p>`,
    `<h1 style="${S.h1}">${escapeHtml(concept.title)}</h1>`,
    `<p style="${S.lead}">${inlineMarkdownToHtml(concept.summary, urls.inConcept)}</p>`,
    guess ? guessFirstHtml(guess) : '',
    `<h2 style="${S.h2}">What it is</h2>`,
    what,
    steps ? `<h2 style="${S.h2}">How it works</h2>\n<ol style="${S.list}">\n${steps}\n</ol>` : '',
    `<p style="margin:22px 0 0;"><a href="${escapeHtml(urls.concept)}" style="${S.button}">Read the full article on ${escapeHtml(concept.title)}</a></p>`,
    guess ? `<hr style="${S.rule}">\n${guessAnswerHtml(guess)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function useCaseHtml(useCase: UseCase, urls: IssueUrls): string {
  const story = useCaseStory(useCase);
  return [
    `<hr style="${S.rule}">`,
    `<p style="${S.label}">Use case</p>`,
    `<h2 style="${S.h2Top}">${escapeHtml(useCase.title)}</h2>`,
    `<p style="${S.p}">${inlineMarkdownToHtml(useCase.summary, urls.inUseCase)}</p>`,
    story ? `<p style="${S.p}">${inlineMarkdownToHtml(story, urls.inUseCase)}</p>` : '',
    `<p style="${S.p}"><a href="${escapeHtml(urls.useCase)}" style="${S.link}">Read the whole use case: what they built, why it worked and what to watch out for</a></p>`,
  ]
    .filter(Boolean)
    .join('\n');
}

function conceptText(concept: Concept, urls: IssueUrls, name: string, weekKey: string): string {
  const guess = concept.checkYourself[0];
  const lines = [
    `View this issue in your browser: ${urls.browser}`,
    '',
    RECALL,
    `${name} · ${weekKey}`,
    '',
    concept.title.toUpperCase(),
    inlineMarkdownToText(concept.summary, urls.inConcept),
    '',
    ...(guess ? guessFirstText(guess) : []),
    'WHAT IT IS',
    ...paragraphs(concept.whatItIs).flatMap((p) => [inlineMarkdownToText(p, urls.inConcept), '']),
  ];
  if (concept.howItWorks.length > 0) {
    lines.push(
      'HOW IT WORKS',
      ...concept.howItWorks.map((s, i) => `${i + 1}. ${inlineMarkdownToText(s, urls.inConcept)}`),
      '',
    );
  }
  lines.push(`Read the full article: ${urls.concept}`, '');
  if (guess) lines.push(...guessAnswerText(guess));
  return lines.join('\n');
}

function useCaseText(useCase: UseCase, urls: IssueUrls): string {
  const story = useCaseStory(useCase);
  return [
    '----',
    '',
    `USE CASE: ${useCase.title}`,
    inlineMarkdownToText(useCase.summary, urls.inUseCase),
    '',
    ...(story ? [inlineMarkdownToText(story, urls.inUseCase), ''] : []),
    `Read the whole use case: ${urls.useCase}`,
    '',
  ].join('\n');
}
