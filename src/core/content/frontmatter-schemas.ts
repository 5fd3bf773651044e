import { z } from 'zod';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from './slug.js';
import { DIFFICULTIES } from './types.js';

const slug = z
  .string()
  .max(MAX_SLUG_LENGTH)
  .regex(
    SLUG_PATTERN,
    'must be lower-case letters and digits joined by single hyphens, e.g. "context-window"',
  );

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !s.includes('\n'), 'must be a single line');

/** Frontmatter of a concept article; unknown fields are rejected so typos surface. */
export const conceptFrontmatterSchema = z.strictObject({
  slug,
  title: oneLine(100),
  /** True synonyms, shown to readers as "Also called". */
  aliases: z.array(z.string().trim().min(1, 'an alias must not be empty')).default([]),
  /** Words people search with that are not names of the concept ("429 error"): used by retrieval, never shown. */
  searchPhrases: z.array(z.string().trim().min(1, 'a search phrase must not be empty')).default([]),
  category: oneLine(60),
  difficulty: z.enum(DIFFICULTIES, { error: `must be one of: ${DIFFICULTIES.join(', ')}` }),
  summary: oneLine(200),
  updated: z
    .string({ error: 'must be a date written as YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written as YYYY-MM-DD')
    .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real calendar date'),
});

/** Frontmatter of a use case. */
export const useCaseFrontmatterSchema = z.strictObject({
  slug,
  title: oneLine(100),
  concepts: z.array(slug).min(1, 'must list at least one concept slug'),
  summary: oneLine(200),
});
