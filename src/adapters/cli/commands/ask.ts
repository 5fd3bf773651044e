import { createContainer } from '../../../container.js';
import { isUserFacing } from '../../../core/errors.js';
import { createConsoleLogger } from '../../log/console-logger.js';
import type { CliCommand } from '../cli-types.js';

/** `tutor ask "…" [--json]`: a grounded, cited answer from the library. */
export const askCommand: CliCommand = {
  name: 'ask',
  summary: 'Answer a question from the library, citing its sources',
  usage: 'tutor ask "QUESTION" [--json] [--no-log]',
  async run(args, { io, config }) {
    const json = args.includes('--json');
    const noLog = args.includes('--no-log');
    const question = args.filter((a) => a !== '--json' && a !== '--no-log').join(' ');
    const cfg = config();
    const logger = createConsoleLogger({
      level: cfg.LOG_LEVEL === 'debug' ? 'debug' : 'warn',
      write: (l) => io.stderr(`${l}\n`),
    });
    const container = await createContainer({
      config: cfg,
      logger,
      database: !noLog,
      watchContent: false,
    }).catch(async (error: unknown) => {
      // The running service holds the embedded database; answering does not need it, only logging does.
      if (!(isUserFacing(error) && error.code === 'DATABASE_IN_USE')) throw error;
      io.stderr(`note: this question is not logged: ${error.message}\n`);
      return createContainer({ config: cfg, logger, database: false, watchContent: false });
    });
    try {
      const reply = await container.tutor.ask({
        question,
        platform: 'cli',
        userId: process.env.USER ?? 'cli',
      });
      if (json) {
        const { answer, sources, mode, notices, suggestions } = reply;
        io.stdout(
          `${JSON.stringify({
            answer,
            sources: sources.map(({ slug, title }) => ({ slug, title })),
            mode,
            notices,
            suggestions,
          })}\n`,
        );
        return 0;
      }
      for (const notice of reply.notices) io.stderr(`note: ${notice}\n`);
      io.stdout(`${reply.answer}\n`);
      if (reply.sources.length > 0)
        io.stdout(`\nSources: ${reply.sources.map((s) => `${s.title} (${s.slug})`).join(', ')}\n`);
      return 0;
    } catch (error) {
      if (!isUserFacing(error)) throw error;
      if (json) io.stdout(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
      else io.stderr(`${error.message}\n`);
      return 2;
    } finally {
      await container.close();
    }
  },
};
