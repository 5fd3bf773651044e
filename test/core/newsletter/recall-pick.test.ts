import { describe, expect, it } from 'vitest';
import { pickRecallItem } from '../../../src/core/newsletter/recall-pick.js';
import type { ItemState, PracticeItem } from '../../../src/core/practice/types.js';

const item = (slug: string, n: number, kind: 'concept' | 'use-case' = 'concept'): PracticeItem => ({
  id: `${slug}~${n}`,
  slug,
  title: slug,
  kind,
  question: `Q ${slug} ${n}?`,
  choices: ['a', 'b', 'c'],
  correct: 0,
  explanation: 'Because.',
});
const items = [
  item('rag', 1),
  item('rag', 2),
  item('tokens', 1),
  item('tokens', 2),
  item('story', 1, 'use-case'),
];
const now = new Date('2026-12-01T08:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const state = (itemId: string, due: Date): ItemState => ({
  learner: 'subscriber:x',
  itemId,
  slug: itemId.split('~')[0]!,
  version: 1,
  card: {
    due,
    stability: 1,
    difficulty: 5,
    elapsedDays: 0,
    scheduledDays: 1,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    state: 2,
    lastReview: daysAgo(3),
  },
});

describe('pickRecallItem', () => {
  it('asks nothing of a new subscriber (nothing earlier received)', () => {
    expect(pickRecallItem({ items, received: new Map(), states: [], now })).toBeNull();
  });

  it('prefers the earliest-due item of a received concept', () => {
    const received = new Map([
      ['rag', daysAgo(14)],
      ['tokens', daysAgo(2)],
    ]);
    const states = [state('rag~1', daysAgo(1)), state('tokens~2', daysAgo(2)), state('story~1', daysAgo(9))];
    expect(pickRecallItem({ items, received, states, now })?.id).toBe('tokens~2');
  });

  it('ignores due items of concepts the subscriber never received', () => {
    const received = new Map([['rag', daysAgo(14)]]);
    const states = [state('tokens~1', daysAgo(5))];
    expect(pickRecallItem({ items, received, states, now })?.id).toBe('rag~1');
  });

  it('without anything due, asks an unpractised item from a concept sent at least a week ago, oldest first', () => {
    const received = new Map([
      ['tokens', daysAgo(21)],
      ['rag', daysAgo(14)],
    ]);
    const states = [state('tokens~1', daysAgo(-3))];
    expect(pickRecallItem({ items, received, states, now })?.id).toBe('tokens~2');
  });

  it('asks nothing when every received concept is less than a week old and nothing is due', () => {
    const received = new Map([['rag', daysAgo(6)]]);
    expect(pickRecallItem({ items, received, states: [], now })).toBeNull();
  });

  it('when every old item was practised and none is due, asks the one due soonest', () => {
    const received = new Map([['rag', daysAgo(30)]]);
    const states = [state('rag~1', daysAgo(-9)), state('rag~2', daysAgo(-2))];
    expect(pickRecallItem({ items, received, states, now })?.id).toBe('rag~2');
  });
});
