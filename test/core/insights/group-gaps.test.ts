import { describe, expect, it } from 'vitest';
import { groupGaps } from '../../../src/core/insights/group-gaps.js';

const texts = (items: string[]) => groupGaps(items, (t) => t);

describe('groupGaps', () => {
  it('groups questions that share a stemmed topic term, biggest group first, labelled as people wrote it', () => {
    const { groups, ungrouped } = texts([
      'How do agents remember things?',
      'Can an agent use memory across sessions?',
      'What is agent memory?',
      'What is MCP?',
      'How does MCP differ from function calling?',
      'Is the weather nice?',
    ]);
    expect(groups.map((g) => g.topic)).toEqual([['agent', 'memory'], ['mcp']]);
    expect(groups[0]!.total).toBe(3);
    expect(groups[1]!.questions.map((q) => q.text)).toEqual([
      'What is MCP?',
      'How does MCP differ from function calling?',
    ]);
    expect(ungrouped.map((q) => q.text)).toEqual(['Is the weather nice?']);
  });

  it('counts repeats of the same question once, with how often it was asked', () => {
    const { groups } = texts(['What is MCP?', 'what is mcp', 'What is MCP ?', 'Who maintains MCP?']);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.questions).toEqual([
      { text: 'What is MCP?', count: 3, items: ['What is MCP?', 'what is mcp', 'What is MCP ?'] },
      { text: 'Who maintains MCP?', count: 1, items: ['Who maintains MCP?'] },
    ]);
    expect(groups[0]!.total).toBe(4);
  });

  it('does not group on words that name no topic ("AI", "work", "example")', () => {
    const { groups, ungrouped } = texts(['How does AI work for invoices?', 'Give an AI example for sales']);
    expect(groups).toEqual([]);
    expect(ungrouped).toHaveLength(2);
  });

  it('puts each question in one group only, and keeps the caller’s items', () => {
    const items = [
      { id: 1, text: 'agent memory' },
      { id: 2, text: 'agent tools' },
      { id: 3, text: 'memory limits' },
    ];
    const { groups, ungrouped } = groupGaps(items, (i) => i.text);
    const ids = [
      ...groups.flatMap((g) => g.questions.flatMap((q) => q.items)),
      ...ungrouped.flatMap((q) => q.items),
    ]
      .map((i) => i.id)
      .sort();
    expect(ids).toEqual([1, 2, 3]);
  });

  it('returns nothing for no questions', () => {
    expect(texts([])).toEqual({ groups: [], ungrouped: [] });
  });
});
