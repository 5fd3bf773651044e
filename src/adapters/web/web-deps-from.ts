import type { Container } from '../../container.js';
import { createFsContentEditor } from '../content/fs-content-editor.js';
import { loadWebAssets } from './render/assets.js';
import { createPageCache, PAGE_CACHE_MAX_BYTES } from './render/page-cache.js';
import type { WebDeps, WebNewsletter } from './web-deps.js';
import { type WebSettings, webSettingsFrom } from './web-settings.js';

/**
 * The web adapter's dependencies, picked from the container: the one web
 * file that sees the container (a boundary test keeps it so). Like
 * `slackDepsFrom`, it hands the routes exactly what they call.
 */
export function webDepsFrom(container: Container, options: { settings?: WebSettings } = {}): WebDeps {
  const { config, content, database } = container;
  const runtime = container.newsletter;
  const newsletter: WebNewsletter | null = runtime
    ? {
        settings: runtime.settings,
        schedule: runtime.schedule,
        mailerDescription: runtime.mailer.description,
        subscriptions: runtime.services.subscriptions,
        digest: runtime.services.digest,
        subscribers: runtime.services.subscribers,
        bounces: runtime.services.bounces,
        webhooks: runtime.webhooks,
        recall: runtime.services.recall,
        clicks: runtime.services.clicks,
      }
    : null;
  return {
    settings: options.settings ?? webSettingsFrom(config),
    assets: loadWebAssets(),
    logger: container.logger,
    clock: container.clock,
    library: content.store,
    pageCache: createPageCache({ maxBytes: PAGE_CACHE_MAX_BYTES }),
    contentEditor: createFsContentEditor({
      root: config.CONTENT_DIR,
      library: content,
      clock: container.clock,
    }),
    tutor: container.tutor,
    inFlight: container.inFlight,
    questionLog: container.questionLog,
    practice: container.practice,
    explainBack: container.explainBack,
    practiceStats: container.practiceStore,
    newsletter,
    readiness: {
      content: async () => (content.store.current().concepts.length > 0 ? null : 'no concepts loaded'),
      database: async () => (database ? database.ping() : null),
    },
    metrics: container.metrics,
  };
}
