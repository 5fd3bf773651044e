import { readFileSync } from 'node:fs';
import type { LanguageModel } from '../../src/core/ports.js';
import type { CitedPassage } from './cited-passages.js';

/** The judge's verdict on one sentence of an answer. */
export interface SentenceVerdict {
  sentence: string;
  supported: boolean;
}

/** Grades whether each sentence of an answer is supported by the passages it cites. */
export interface Judge {
  grade(answer: string, passages: readonly CitedPassage[]): Promise<SentenceVerdict[]>;
}

/** The judge's instructions, kept in the repository beside this file so a change to them is reviewed. */
export function loadJudgePrompt(): string {
  return readFileSync(new URL('./judge-prompt.md', import.meta.url), 'utf8');
}

/**
 * The claims of an answer, one per sentence: Markdown emphasis and list
 * markers removed, bold-only heading lines (the extractive answer's title)
 * dropped, since they claim nothing.
 */
export function splitSentences(answer: string): string[] {
  return answer
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\*\*[^*]+\*\*$/.test(line) && !/^#+\s/.test(line))
    .map((line) => line.replace(/^(?:[-*]|\d+\.)\s+/, '').replace(/\*\*|__/g, ''))
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/))
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/**
 * A judge that asks a language model, through the same port the tutor uses:
 * the cited passages go in as search results, the numbered sentences as the
 * question, and the reply must be the JSON the prompt asks for.
 */
export function createJudge(llm: LanguageModel, prompt = loadJudgePrompt()): Judge {
  return {
    async grade(answer, passages) {
      const sentences = splitSentences(answer);
      if (sentences.length === 0) return [];
      const response = await llm.generate({
        system: prompt,
        question: `Sentences to grade:\n${sentences.map((s, i) => `${i + 1}. ${s}`).join('\n')}`,
        passages: passages.map((p, i) => ({ id: `passage-${i + 1}`, title: p.title, text: p.text })),
        history: [],
        maxTokens: 200 + 60 * sentences.length,
      });
      const verdicts = parseVerdicts(response.text, sentences.length);
      return sentences.map((sentence, i) => ({ sentence, supported: verdicts[i]! }));
    },
  };
}

/** Reads `{"verdicts":[{"n":1,"supported":true},…]}` out of the judge's reply, one verdict per sentence. */
export function parseVerdicts(text: string, count: number): boolean[] {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start, end + 1));
  } catch {
    throw new Error(`the judge's reply is not the JSON judge-prompt.md asks for: ${text.slice(0, 200)}`);
  }
  const list = (parsed as { verdicts?: unknown }).verdicts;
  if (!Array.isArray(list)) throw new Error('the judge\'s reply has no "verdicts" list');
  const verdicts: boolean[] = [];
  for (const item of list as Array<{ n?: unknown; supported?: unknown }>) {
    if (typeof item.n === 'number' && typeof item.supported === 'boolean')
      verdicts[item.n - 1] = item.supported;
  }
  for (let i = 0; i < count; i++) {
    if (verdicts[i] === undefined) throw new Error(`the judge gave no verdict for sentence ${i + 1}`);
  }
  return verdicts.slice(0, count);
}

/** A hand-labelled answer: the passages it cites, and for each sentence whether they support it. */
export interface LabelledAnswer {
  id: string;
  answer: string;
  passages: CitedPassage[];
  labels: Array<{ sentence: string; supported: boolean }>;
}

/** How well the judge agrees with the hand labels. */
export interface Agreement {
  sentences: number;
  agreed: number;
  /** agreed / sentences */
  rate: number;
  /** Cohen's kappa: agreement beyond what chance would give. */
  kappa: number;
  disagreements: Array<{ id: string; sentence: string; label: boolean; judge: boolean }>;
}

/** Loads bench/eval/judge-sample.json. */
export function loadJudgeSample(): LabelledAnswer[] {
  return JSON.parse(
    readFileSync(new URL('./judge-sample.json', import.meta.url), 'utf8'),
  ) as LabelledAnswer[];
}

/** Runs the judge over the hand-labelled sample and compares, sentence by sentence. */
export async function judgeAgreement(judge: Judge, sample: readonly LabelledAnswer[]): Promise<Agreement> {
  const pairs: Array<{ id: string; sentence: string; label: boolean; judge: boolean }> = [];
  for (const item of sample) {
    const verdicts = await judge.grade(item.answer, item.passages);
    item.labels.forEach((label, i) => {
      pairs.push({
        id: item.id,
        sentence: label.sentence,
        label: label.supported,
        judge: verdicts[i]?.supported ?? false,
      });
    });
  }
  const n = pairs.length;
  const agreed = pairs.filter((p) => p.label === p.judge).length;
  const yesLabel = pairs.filter((p) => p.label).length / Math.max(1, n);
  const yesJudge = pairs.filter((p) => p.judge).length / Math.max(1, n);
  const chance = yesLabel * yesJudge + (1 - yesLabel) * (1 - yesJudge);
  const rate = n === 0 ? 1 : agreed / n;
  return {
    sentences: n,
    agreed,
    rate,
    kappa: chance === 1 ? 1 : (rate - chance) / (1 - chance),
    disagreements: pairs.filter((p) => p.label !== p.judge),
  };
}
