import { beforeAll, describe, expect, it } from 'vitest';
import type { Concept } from '../../../../src/core/content/types.js';
import { automaticGrade } from '../../../../src/core/practice/explain-back/automatic-feedback.js';
import { keyIdeas } from '../../../../src/core/practice/explain-back/key-ideas.js';
import { checkCoverage } from '../../../../src/core/practice/explain-back/lexical-check.js';
import { practiceLibrary } from '../practice-library.js';
import { RAG_EXPLANATIONS } from './explanations.js';

let rag: Concept;
beforeAll(async () => {
  rag = (await practiceLibrary()).conceptBySlug.get('rag')!;
});

describe('key ideas', () => {
  it('come from the definition, each how-it-works step and each pitfall, without the concept’s own name', () => {
    const ideas = keyIdeas(rag);
    expect(ideas[0]).toMatchObject({ section: 'What it is', passageId: 'rag#what-it-is' });
    expect(ideas[0]!.text).toMatch(/^Retrieval-augmented generation, or RAG, means/);
    expect(ideas.filter((i) => i.section === 'How it works').map((i) => i.label)).toEqual([
      'Prepare',
      'Ask',
      'Retrieve',
      'Augment',
      'Generate',
      'Maintain',
    ]);
    expect(ideas.filter((i) => i.section === 'Common pitfalls')).toHaveLength(rag.pitfalls.length);
    for (const idea of ideas) expect(idea.terms.has('rag')).toBe(false);
  });
});

describe('the automatic check (stemmed word overlap)', () => {
  it('finds most key ideas in a good explanation, even in other word forms', () => {
    const coverage = checkCoverage(RAG_EXPLANATIONS.good, keyIdeas(rag));
    const covered = coverage.filter((c) => c.covered).map((c) => c.idea.label);
    expect(covered).toEqual(
      expect.arrayContaining(['What it is', 'Prepare', 'Retrieve', 'Augment', 'Generate']),
    );
    expect(covered.length / coverage.length).toBeGreaterThanOrEqual(0.5);
    expect(automaticGrade(rag, RAG_EXPLANATIONS.good).verdict).toBe('good');
  });

  it('calls a partial explanation partial and lists what it misses, with hints that name the area only', () => {
    const grade = automaticGrade(rag, RAG_EXPLANATIONS.partial);
    expect(grade.verdict).toBe('partial');
    expect(grade.right.length).toBeGreaterThan(0);
    expect(grade.missing.length).toBeGreaterThan(grade.right.length);
    expect(grade.missing.map((m) => m.text)).toContainEqual(
      expect.stringMatching(/^Garbage in, garbage out\./),
    );
    expect(grade.hints).toContain(
      'What can go wrong with Retrieval-augmented generation (RAG), and how would you avoid it?',
    );
    expect(grade.hints.some((h) => /of the 6 steps of how it works/.test(h))).toBe(true);
    // A hint never gives away a missing idea's words.
    for (const hint of grade.hints) expect(hint).not.toMatch(/garbage|chunk|embedding|outdated/i);
    for (const point of [...grade.right, ...grade.missing]) expect(point.sources[0]!.slug).toBe('rag');
  });

  it('covers nothing of an off-topic explanation', () => {
    const grade = automaticGrade(rag, RAG_EXPLANATIONS.offTopic);
    expect(grade.verdict).toBe('off-topic');
    expect(grade.right).toEqual([]);
    expect(grade.missing).toHaveLength(keyIdeas(rag).length);
  });

  it('does not count the concept’s name or stop words as knowing it', () => {
    const grade = automaticGrade(
      rag,
      'RAG is retrieval augmented generation, which is what it is and how it is.',
    );
    expect(grade.right).toEqual([]);
  });
});
