import type { Command } from 'commander';
import { prepareQuestion } from '../../../core/answering/question-input.js';
import { isUserFacing } from '../../../core/errors.js';
import { examples } from '../cli-help.js';
import type { CliContext } from '../cli-types.js';

/** `tutor ask "…" [--json] [--no-log]`: a grounded, cited answer from the library. */
export function registerAsk(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  program
    .command('ask')
    .summary('Answer a question from the library, citing its sources')
    .description(
      'Answer a question from the library, citing its sources: with the model when ANTHROPIC_API_KEY is set, else by quoting the closest passage. The question is recorded in the question log, as questions from chat are.',
    )
    .argument('<question...>', 'the question (quotes optional)')
    .option('--json', 'print one JSON object: answer, sources, mode, notices, suggestions')
    .option('--no-log', 'do not record the question in the question log (no database needed)')
    .addHelpText(
      'after',
      examples('tutor ask "How many tokens is a word?"', [
        'tutor ask what is a context window --json',
        'for scripts',
      ]),
    )
    .action(
      ctx.action(async (words: string[], options: { json?: boolean; log: boolean }) => {
        const json = options.json === true;
        const noLog = !options.log;
        const question = words.join(' ');
        /** A question the tutor refuses: exit 2, with the reason as JSON or as text. */
        const refuse = (error: unknown): number => {
          if (!isUserFacing(error)) throw error;
          if (json) io.stdout(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
          else io.stderr(`${error.message}\n`);
          return 2;
        };
        // An empty question is refused before the library and the database are opened (seconds).
        try {
          prepareQuestion(question);
        } catch (error) {
          return refuse(error);
        }
        const cfg = await ctx.config(noLog ? ['content'] : ['content', 'data']);
        // Loaded here, not at start-up: `tutor --help` and the other commands do not pay for them.
        const [{ createContainer }, { createConsoleLogger }] = await Promise.all([
          import('../../../container.js'),
          import('../../log/console-logger.js'),
        ]);
        const logger = createConsoleLogger({
          level: cfg.LOG_LEVEL === 'debug' ? 'debug' : 'warn',
          write: (l) => io.stderr(`${l}\n`),
        });
        const container = await createContainer({
          config: cfg,
          logger,
          database: !noLog,
          watchContent: false,
          newsletter: false,
        }).catch(async (error: unknown) => {
          // The running service holds the embedded database; answering does not need it, only logging does.
          if (!(isUserFacing(error) && error.code === 'DATABASE_IN_USE')) throw error;
          io.stderr(`note: this question is not logged: ${error.message}\n`);
          return createContainer({
            config: cfg,
            logger,
            database: false,
            watchContent: false,
            newsletter: false,
          });
        });
        try {
          const reply = await container.tutor.ask({
            question,
            platform: 'cli',
            userId: io.env.USER ?? 'cli',
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
          return refuse(error);
        } finally {
          await container.close();
        }
      }),
    );
}
