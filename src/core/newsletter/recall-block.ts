import type { CheckItem } from '../content/types.js';
import { CHOICE_LETTERS } from '../practice/choice-letters.js';
import { EMAIL_STYLE as S } from './email-layout.js';
import { escapeHtml } from './html.js';

/** One subscriber's "Check yourself" question from an earlier issue: each option is its own signed link. */
export interface RecallBlock {
  /** Title of the earlier article the question comes from. */
  title: string;
  question: string;
  options: Array<{ label: string; url: string }>;
}

const BOX =
  'margin:0 0 24px;padding:16px 18px;border:1px solid #d0d7de;border-radius:8px;background:#f6f8fa;';
const OPTION =
  'display:block;padding:8px 12px;margin:0 0 6px;border:1px solid #0b57d0;border-radius:6px;color:#0b57d0;text-decoration:none;background:#ffffff;';
const HINT = 'margin:8px 0 0;font-size:13px;line-height:1.4;color:#57606a;';

/**
 * The recall block at the top of one subscriber's copy. Options are plain
 * links, the only control every mail client renders; the page they open
 * asks for a button press before anything is recorded (link scanners follow
 * every URL). Letters are part of the link text, so screen readers and the
 * text part name the same option.
 */
export function recallBlockHtml(block: RecallBlock): string {
  const options = block.options
    .map(
      (o, i) =>
        `<li style="margin:0;"><a href="${escapeHtml(o.url)}" style="${OPTION}">${CHOICE_LETTERS[i]}. ${escapeHtml(o.label)}</a></li>`,
    )
    .join('\n');
  return [
    `<div style="${BOX}">`,
    `<p style="${S.label}">Check yourself &middot; from ${escapeHtml(block.title)}</p>`,
    `<p style="margin:0 0 10px;font-weight:600;">${escapeHtml(block.question)}</p>`,
    `<ul style="list-style:none;margin:0;padding:0;">\n${options}\n</ul>`,
    `<p style="${HINT}">Pick an answer: a page opens where you confirm it and see why. A question from an earlier issue, because recalling beats rereading.</p>`,
    `</div>\n`,
  ].join('\n');
}

/** The same block for the plain-text part, every link written out. */
export function recallBlockText(block: RecallBlock): string {
  return [
    `CHECK YOURSELF (from ${block.title})`,
    block.question,
    ...block.options.map((o, i) => `${CHOICE_LETTERS[i]}. ${o.label}: ${o.url}`),
    '(Open the link of your answer, then confirm it on the page.)',
    '',
  ].join('\n');
}

/** "Guess first": the new concept's question, just under its title. */
export function guessFirstHtml(item: CheckItem): string {
  const options = item.choices.map((c, i) => `${CHOICE_LETTERS[i]}. ${escapeHtml(c)}`).join(' &nbsp; ');
  return `<p style="${S.p}"><strong>Guess first:</strong> ${escapeHtml(item.question)} <span style="color:#57606a;">${options}</span> <em>Answer below.</em></p>`;
}

/** "Guess first" for the text part. */
export function guessFirstText(item: CheckItem): string[] {
  return [
    `GUESS FIRST: ${item.question}`,
    ...item.choices.map((c, i) => `  ${CHOICE_LETTERS[i]}. ${c}`),
    '(Answer below.)',
    '',
  ];
}

/** The answer to the guess, after the article section. */
export function guessAnswerHtml(item: CheckItem): string {
  return `<p style="${S.p}" id="guess-answer"><strong>Answer to the guess:</strong> ${CHOICE_LETTERS[item.correct]}. ${escapeHtml(item.choices[item.correct]!)} ${escapeHtml(item.explanation)}</p>`;
}

/** The answer to the guess for the text part. */
export function guessAnswerText(item: CheckItem): string[] {
  return [
    `ANSWER TO THE GUESS: ${CHOICE_LETTERS[item.correct]}. ${item.choices[item.correct]}`,
    item.explanation,
    '',
  ];
}
