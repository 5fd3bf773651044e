import { createContainer } from '../../../container.js';
import { createConsoleLogger } from '../../log/console-logger.js';
import type { CliCommand } from '../cli-types.js';

/** `tutor search "…" [--json]`: what retrieval finds, without asking the model. */
export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'Search the library and show whether a question is covered',
  usage: 'tutor search "QUESTION" [--json]',
  async run(args, { io, config }) {
    const json = args.includes('--json');
    const query = args
      .filter((a) => a !== '--json')
      .join(' ')
      .trim();
    if (!query) {
      io.stderr('Give a question to search for, e.g. tutor search "what is a token"\n');
      return 2;
    }
    const cfg = config();
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
        for (const r of results) io.stdout(`  ${r.score.toFixed(2).padStart(7)}  ${r.slug}  ${r.title}\n`);
      }
      return 0;
    } finally {
      await container.close();
    }
  },
};
