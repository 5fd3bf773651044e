import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { Concept } from '../../../../core/content/types.js';
import { publicPage, type WebDeps } from '../../web-deps.js';

const DIFFICULTY_ORDER = { beginner: 0, intermediate: 1, advanced: 2 } as const;

/** Concepts grouped by category, categories and concepts in a stable, readable order. */
function byCategory(concepts: readonly Concept[]): Array<[string, Concept[]]> {
  const groups = new Map<string, Concept[]>();
  for (const concept of concepts)
    groups.set(concept.category, [...(groups.get(concept.category) ?? []), concept]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, list]) => [
      category,
      list.sort(
        (a, b) =>
          DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty] || a.title.localeCompare(b.title),
      ),
    ]);
}

/** `/`: what the tutor is, a question box, and every concept by category. */
export function registerHomePage(app: Hono, deps: WebDeps): void {
  app.get('/', (c) => {
    const library = deps.container.content.store.current();
    const body = html`
<section class="hero prose" aria-labelledby="hero-title">
  <h1 id="hero-title">Learn the AI concepts your team keeps running into</h1>
  <p class="lead">${library.concepts.length} short articles in plain language, each with when to use it, when not to, and the pitfalls. Ask a question and the tutor answers from these articles, with links to its sources.</p>
  <form method="get" action="/ask" role="search" aria-label="Ask the tutor">
    <label for="home-question">Ask the tutor</label>
    <div class="actions">
      <input type="text" id="home-question" name="q" placeholder="e.g. What is a context window?" autocomplete="off" maxlength="2000">
      <button type="submit">Ask</button>
    </div>
  </form>
</section>
<section aria-labelledby="concepts-title" id="concepts">
  <h2 id="concepts-title">Concepts</h2>
  ${byCategory(library.concepts).map(
    ([category, concepts]) => html`
  <h3>${category}</h3>
  <ul class="cards">
    ${concepts.map(
      (concept) =>
        html`<li><a class="card" href="/concepts/${concept.slug}"><h3>${concept.title}</h3><p>${concept.summary}</p><p class="small">${concept.difficulty}</p></a></li>`,
    )}
  </ul>`,
  )}
</section>
${
  library.useCases.length > 0
    ? html`<section aria-labelledby="use-cases-title">
  <h2 id="use-cases-title">What teams built with them</h2>
  <p><a href="/use-cases">All ${library.useCases.length} use cases</a></p>
</section>`
    : ''
}
${
  deps.container.newsletter
    ? html`<section aria-labelledby="digest-title"><h2 id="digest-title">One concept a week, by email</h2><p>Every Tuesday: one concept and one real use case. <a href="/newsletter">Subscribe</a> or read the <a href="/archive">archive</a>.</p></section>`
    : ''
}`;
    return c.html(
      publicPage(deps, {
        title: 'AI concepts for your team',
        description: 'Plain-language articles on AI concepts, and a tutor that answers from them.',
        active: '/',
        body,
      }),
    );
  });
}
