import type { Command } from 'commander';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';
import { UsageError } from '../usage-error.js';

/** `tutor search "…" [--json]`: what retrieval finds, without asking the model. */
export function registerSearch(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('search')
    .summary('Search the library and show whether a question is covered')
    .description(
      'Search the library the way the tutor does before answering, and show whether a question is covered and which concepts match. No model, no database.',
    )
    .argument('<question...>', 'what to search for (quotes optional)')
    .option('--json', 'print {covered, results: [{slug, title, score}]}')
    .addHelpText(
      'after',
      examples('tutor search "what is a token"', ['tutor search context window --json', 'for scripts']),
    )
    .action(
      ctx.action(async (words: string[], options: { json?: boolean }) => {
        const json = options.json === true;
        const query = words.join(' ').trim();
        if (!query)
          throw new UsageError('Give a question to search for, e.g. tutor search "what is a token"');
        const cfg = await ctx.config(['content']);
        const [{ createContainer }, { createConsoleLogger }] = await Promise.all([
          import('../../../container.js'),
          import('../../log/console-logger.js'),
        ]);
        const container = await createContainer({
          config: cfg,
          logger: createConsoleLogger({ level: 'warn', write: (l) => io.stderr(`${l}\n`) }),
          database: false,
          watchContent: false,
        });
        try {
          const result = container.retriever.search(query, { limit: 5 });
          const results = result.concepts.map((c) => ({
            slug: c.slug,
            title: c.title,
            score: Math.round(c.score * 1000) / 1000,
          }));
          if (json) {
            io.stdout(`${JSON.stringify({ covered: result.covered, results })}\n`);
          } else {
            io.stdout(
              `${result.covered ? 'Covered' : 'Not covered'} (${result.coverage.reason}; ${(result.coverage.explained * 100).toFixed(0)}% of the question explained)\n`,
            );
            for (const r of results)
              io.stdout(`  ${r.score.toFixed(2).padStart(7)}  ${r.slug}  ${r.title}\n`);
          }
          return 0;
        } finally {
          await container.close();
        }
      }),
    );
}
