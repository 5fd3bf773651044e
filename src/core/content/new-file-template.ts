import type { ContentKind } from './content-editor.js';

/** Starting text for a new concept: every required field and section, in order. */
function conceptTemplate(today: string): string {
  return `---
slug: new-concept
title: New concept
aliases: []
category: Foundational concepts
difficulty: beginner
summary: One line, at most 200 characters, that says what it is.
updated: ${today}
---

## What it is
A plain-language explanation, with an analogy.

## How it works
1. First step.
2. Second step.

## Good fit
- When to reach for it.

## Bad fit
- When not to.

## Real-world examples
- What teams actually do with it.

## Common pitfalls
- **Short name.** What goes wrong and how to avoid it.

## FAQ
### A question people actually ask?
Its answer.
`;
}

/** Starting text for a new use case. */
function useCaseTemplate(conceptSlug: string): string {
  return `---
slug: new-use-case
title: New use case
concepts: [${conceptSlug}]
summary: One line, at most 200 characters.
---

## The problem
What the team was struggling with.

## What they built
What they shipped, and which concepts it used.

## What to watch out for
What went wrong or needed care.
`;
}

/** The template for a new file of `kind`. */
export function newFileTemplate(kind: ContentKind, today: Date, firstConceptSlug: string): string {
  return kind === 'concepts'
    ? conceptTemplate(today.toISOString().slice(0, 10))
    : useCaseTemplate(firstConceptSlug);
}
