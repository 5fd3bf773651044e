import { CONTENT_KINDS, type ContentKind } from '../../../../core/content/content-editor.js';
import type { Concept, UseCase } from '../../../../core/content/types.js';
import { type ContentProblem, isUserFacing } from '../../../../core/errors.js';
import type { WebDeps } from '../../web-deps.js';

/** What the content list shows. */
export interface ContentListData {
  concepts: Concept[];
  useCases: UseCase[];
  problems: readonly ContentProblem[];
  loadedAt: Date;
  /** Files on disk that the live library does not hold (they have problems): still editable. */
  notLoaded: Array<{ kind: ContentKind; slug: string }>;
  /** Why a kind's folder could not be listed (a link out of the content folder, say). */
  listProblems: string[];
}

/** Reads the live library, its problems, and the files on disk it could not load. */
export async function loadContentList(
  deps: Pick<WebDeps, 'library' | 'contentEditor'>,
): Promise<ContentListData> {
  const library = deps.library.current();
  const loaded: Record<ContentKind, ReadonlyMap<string, unknown>> = {
    concepts: library.conceptBySlug,
    'use-cases': library.useCaseBySlug,
  };
  const listProblems: string[] = [];
  const onDisk = await Promise.all(
    CONTENT_KINDS.map(async (kind) => {
      try {
        return (await deps.contentEditor.list(kind)).map((slug) => ({ kind, slug }));
      } catch (error) {
        if (!isUserFacing(error)) throw error;
        listProblems.push(error.message);
        return [];
      }
    }),
  );
  return {
    concepts: [...library.concepts].sort((a, b) => a.title.localeCompare(b.title)),
    useCases: [...library.useCases].sort((a, b) => a.title.localeCompare(b.title)),
    problems: deps.library.problems(),
    loadedAt: library.loadedAt,
    notLoaded: onDisk.flat().filter(({ kind, slug }) => !loaded[kind].has(slug)),
    listProblems,
  };
}
