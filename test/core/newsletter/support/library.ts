import { buildLibrary } from '../../../../src/core/content/build-library.js';
import type { Library } from '../../../../src/core/content/types.js';
import { fixtureFiles } from '../../../fixtures/load-fixture-files.js';

/** A concept to generate: slug, difficulty and optional Markdown for "What it is". */
export interface ConceptSpec {
  slug: string;
  difficulty?: 'beginner' | 'intermediate' | 'advanced';
  whatItIs?: string;
}

/** A use case to generate, linked to concepts. */
export interface UseCaseSpec {
  slug: string;
  concepts: string[];
  body?: string;
}

const title = (slug: string) =>
  slug
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');

/**
 * Builds a real, validated library from generated files, shaped like the
 * fixture token article, so picking and rendering run on what the content
 * parser produces.
 */
export async function libraryOf(concepts: ConceptSpec[], useCases: UseCaseSpec[]): Promise<Library> {
  const token = (await fixtureFiles()).find((f) => f.path === 'concepts/token.md')!.text;
  const files = [
    ...concepts.map((c) => ({
      path: `concepts/${c.slug}.md`,
      text: token
        .replace(/^slug: token$/m, `slug: ${c.slug}`)
        .replace(/^title: Token$/m, `title: ${title(c.slug)}`)
        .replace(/^aliases: .*$/m, `aliases: [${c.slug}-alias]`)
        .replace(/^difficulty: .*$/m, `difficulty: ${c.difficulty ?? 'beginner'}`)
        .replace(
          /## What it is\n[\s\S]*?\n## How it works/,
          `## What it is\n${c.whatItIs ?? `${title(c.slug)} explained in one paragraph.`}\n\n## How it works`,
        ),
    })),
    ...useCases.map((u) => ({
      path: `use-cases/${u.slug}.md`,
      text: `---\nslug: ${u.slug}\ntitle: ${title(u.slug)}\nconcepts: [${u.concepts.join(', ')}]\nsummary: How a team did ${u.slug}.\n---\n\n${u.body ?? `## The problem\nIt was slow.\n\n## What they built\nA thing for ${u.slug}.\n`}`,
    })),
  ];
  const built = buildLibrary(files, new Date('2026-11-01T00:00:00Z'));
  if (!built.ok) throw new Error(JSON.stringify(built.problems, null, 2));
  return built.library;
}

/** The small fixture library (token + temperature, one use case). */
export async function fixtureLibrary(): Promise<Library> {
  const built = buildLibrary(await fixtureFiles(), new Date('2026-11-01T00:00:00Z'));
  if (!built.ok) throw new Error('fixture library is invalid');
  return built.library;
}
