/**
 * The newsletter's composition moved beside the composition root, to
 * src/wiring/newsletter.ts. This re-export keeps the web routes and CLI
 * commands that import the type from here compiling until they switch to
 * the services; delete it then.
 */
export type { NewsletterRuntime, OpenNewsletterOptions } from '../../wiring/newsletter.js';
