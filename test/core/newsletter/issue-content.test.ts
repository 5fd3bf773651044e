import { describe, expect, it } from 'vitest';
import type { Library } from '../../../src/core/content/types.js';
import { UserFacingError } from '../../../src/core/errors.js';
import { createClickTokens } from '../../../src/core/newsletter/click-token.js';
import { createIssueContent } from '../../../src/core/newsletter/issue-content.js';
import type { DigestStore } from '../../../src/core/newsletter/ports.js';
import type { DigestIssue } from '../../../src/core/newsletter/types.js';
import { libraryOf } from './support/library.js';
import { testSettings } from './support/settings.js';

const settings = testSettings;

const build = (whatItIs: string, loadedAt: number) =>
  libraryOf(
    [{ slug: 'tokens', whatItIs }, { slug: 'rag' }, { slug: 'embeddings' }],
    [{ slug: 'bill-forecast', concepts: ['tokens'] }],
  ).then((library) => ({ ...library, loadedAt: new Date(loadedAt) }) as Library);

const issueFor = (id: string, weekKey: string): DigestIssue => ({
  id,
  weekKey,
  conceptSlug: 'tokens',
  useCaseSlug: 'bill-forecast',
  status: 'sending',
  scheduledFor: new Date('2026-12-01T09:00:00Z'),
  snapshotAt: null,
  sentAt: null,
  createdAt: new Date('2026-12-01T09:00:00Z'),
});

const links = {
  unsubscribeUrl: 'https://tutor.example.com/u',
  manageUrl: 'https://tutor.example.com/m',
};

describe('an issue’s rendered templates', () => {
  it('renders once per issue, link variant and library version, and afresh after an edit', async () => {
    let library = await build('A token is a piece of text.', 1);
    const content = createIssueContent({
      library: () => library,
      digests: {} as DigestStore,
      settings,
      clicks: createClickTokens('a-test-secret-of-enough-length-0123456789'),
    });
    const issue = issueFor('issue-1', '2026-W49');
    const counted = content.templateFor(issue);
    expect(content.templateFor(issue)).toBe(counted);
    const plain = content.templateFor(issue, false);
    expect(plain).not.toBe(counted);
    expect(content.templateFor(issue, false)).toBe(plain);
    expect(counted.personalize(links).html).toContain('/r/');
    expect(plain.personalize(links).html).not.toContain('/r/');
    // Two issues in flight at once (local-time delivery) keep their own renders.
    const other = content.templateFor(issueFor('issue-2', '2026-W50'));
    expect(content.templateFor(issue)).toBe(counted);
    expect(content.templateFor(issueFor('issue-2', '2026-W50'))).toBe(other);

    library = await build('A token is a small unit of text, edited.', 2);
    const edited = content.templateFor(issue);
    expect(edited).not.toBe(counted);
    expect(edited.personalize(links).html).toContain('edited');
  });

  it('renders a copy with its own concept once per concept, and names a concept that is gone', async () => {
    const library = await build('A token is a piece of text.', 1);
    const content = createIssueContent({ library: () => library, digests: {} as DigestStore, settings });
    const issue = issueFor('issue-1', '2026-W49');
    const rag = content.templateForConcept(issue, 'rag');
    expect(content.templateForConcept(issue, 'rag')).toBe(rag);
    expect(rag.subject).toContain('Rag');
    expect(content.templateForConcept(issue, 'embeddings')).not.toBe(rag);
    expect(() => content.templateForConcept(issue, 'gone')).toThrow(UserFacingError);
    expect(() => content.templateForConcept(issue, 'gone')).toThrow(/"gone".*Restore the file/);
  });

  it('keeps a bounded number of renders, redoing the least recently used one when asked again', async () => {
    const library = await build('A token is a piece of text.', 1);
    const content = createIssueContent({ library: () => library, digests: {} as DigestStore, settings });
    const first = content.templateFor(issueFor('issue-0', '2026-W01'));
    for (let i = 1; i <= 300; i++) content.templateFor(issueFor(`issue-${i}`, '2026-W02'));
    const recent = content.templateFor(issueFor('issue-300', '2026-W02'));
    expect(content.templateFor(issueFor('issue-300', '2026-W02'))).toBe(recent);
    expect(content.templateFor(issueFor('issue-0', '2026-W01'))).not.toBe(first);
  });
});
