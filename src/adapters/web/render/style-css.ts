/**
 * The one stylesheet. Mobile first, system fonts, light and dark schemes with
 * WCAG AA contrast, visible focus rings, and no external resources.
 */
export const STYLE_CSS = `
:root {
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --border: #d0d7de; --panel: #f6f8fa;
  --accent: #0b5cad; --accent-fg: #ffffff; --ok: #116329; --warn: #7a4d00; --bad: #b3261e;
  --ok-bg: #e6f4ea; --warn-bg: #fff4d6; --bad-bg: #fdecea; --radius: 8px;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1419; --fg: #e6edf3; --muted: #9da7b3; --border: #3a434d; --panel: #171d24;
    --accent: #6cb6ff; --accent-fg: #0f1419; --ok: #7ee2a8; --warn: #f2cc60; --bad: #ff9b93;
    --ok-bg: #12261a; --warn-bg: #2b2410; --bad-bg: #2d1614;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--accent); color: var(--accent-fg); padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { left: .5rem; top: .5rem; }
.site-header { border-bottom: 1px solid var(--border); background: var(--panel); }
.site-header .inner, main, .site-footer .inner { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
.site-header .inner { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1.5rem; padding-top: .6rem; padding-bottom: .6rem; }
.brand { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; }
.site-nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
.site-nav a { display: inline-block; padding: .35rem 0; text-decoration: none; }
.site-nav a[aria-current="page"] { font-weight: 700; text-decoration: underline; text-decoration-thickness: 2px; }
main { padding-top: 1.5rem; padding-bottom: 3rem; }
.prose { max-width: 44rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: .2rem 0 .8rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; line-height: 1.3; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
p, ul, ol { margin: 0 0 1rem; }
li + li { margin-top: .25rem; }
.site-nav li, .cards li, .stats li, .badges li { margin-top: 0; }
code { font: .92em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); padding: .1em .3em; border-radius: 4px; }
pre { background: var(--panel); border: 1px solid var(--border); border-radius: var(--radius); padding: .8rem 1rem; overflow-x: auto; }
pre code { background: none; padding: 0; }
blockquote { margin: 0 0 1rem; padding: .2rem 1rem; border-left: 4px solid var(--border); color: var(--muted); }
img { max-width: 100%; height: auto; }
.lead { font-size: 1.15rem; color: var(--muted); }
.muted { color: var(--muted); }
.small { font-size: .9rem; }
.badges { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.badge { display: inline-block; border: 1px solid var(--border); border-radius: 999px; padding: .05rem .6rem; font-size: .85rem; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .9rem; list-style: none; padding: 0; margin: 0 0 2rem; }
.cards li { margin: 0; }
.card { display: block; height: 100%; border: 1px solid var(--border); border-radius: var(--radius); padding: .9rem 1rem; background: var(--bg); color: var(--fg); text-decoration: none; }
.card:hover { border-color: var(--accent); }
.card:hover h3 { text-decoration: underline; }
.card h3 { color: var(--accent); }
.card h3 { margin: 0 0 .3rem; font-size: 1.05rem; }
.card p { margin: 0; color: var(--muted); font-size: .95rem; }
.hero { padding: .5rem 0 1rem; }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: 1rem 0; }
form { margin: 0 0 1.5rem; }
label { display: block; font-weight: 600; margin-bottom: .3rem; }
.hint { display: block; font-weight: 400; color: var(--muted); font-size: .9rem; margin-bottom: .3rem; }
input[type="text"], input[type="email"], input[type="password"], input[type="search"], select, textarea {
  width: 100%; font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: 6px; padding: .55rem .7rem; }
textarea { min-height: 7rem; resize: vertical; }
textarea.code { font: .9rem/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; min-height: 28rem; tab-size: 2; }
.field { margin-bottom: 1rem; }
button, .button { display: inline-block; font: inherit; font-weight: 600; border-radius: 6px; padding: .55rem 1.1rem; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-fg); cursor: pointer; text-decoration: none; min-height: 2.75rem; }
button.secondary, .button.secondary { background: transparent; color: var(--accent); }
button[disabled] { opacity: .6; cursor: progress; }
.inline-form { display: inline; margin: 0; }
.notice, .error, .success { border-radius: var(--radius); padding: .7rem 1rem; margin: 0 0 1rem; border: 1px solid; }
.notice { background: var(--warn-bg); border-color: var(--warn); }
.error { background: var(--bad-bg); border-color: var(--bad); }
.success { background: var(--ok-bg); border-color: var(--ok); }
.notice p:last-child, .error p:last-child, .success p:last-child { margin-bottom: 0; }
.conversation { list-style: none; padding: 0; margin: 0 0 1.5rem; }
.turn { border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem; margin-bottom: 1rem; }
.turn .question { font-weight: 600; margin: 0 0 .6rem; }
.turn .answer > :last-child { margin-bottom: 0; }
.turn .streaming { white-space: pre-wrap; }
.sources { border-top: 1px solid var(--border); margin-top: 1rem; padding-top: .6rem; }
.sources h3, .feedback h3 { font-size: .95rem; margin: 0 0 .3rem; }
.sources ul { margin: 0; padding-left: 1.2rem; }
.feedback { border-top: 1px solid var(--border); margin-top: 1rem; padding-top: .6rem; }
.feedback form { margin: 0; }
.feedback .buttons { display: flex; gap: .5rem; margin-top: .5rem; }
.feedback button { min-width: 3.2rem; }
.table-wrap { overflow-x: auto; margin-bottom: 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--border); vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: .8rem; margin: 0 0 1.5rem; padding: 0; list-style: none; }
.stats li { border: 1px solid var(--border); border-radius: var(--radius); padding: .7rem .9rem; margin: 0; }
.stats .value { display: block; font-size: 1.4rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.editor { display: grid; gap: 1rem; }
@media (min-width: 70rem) {
  .site-header .inner, main, .site-footer .inner { max-width: 76rem; }
  .editor { grid-template-columns: 1fr 1fr; align-items: start; }
}
.preview { border: 1px solid var(--border); border-radius: var(--radius); padding: 0 1rem 1rem; max-height: 40rem; overflow: auto; }
.problems { margin: 0 0 1rem; }
.problems li { color: var(--bad); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0 0 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
iframe.email-preview { width: 100%; height: 36rem; border: 1px solid var(--border); border-radius: var(--radius); background: #f4f5f7; }
details { margin: 1rem 0; }
details pre { white-space: pre-wrap; }
.gap-group { border: 1px solid var(--border); border-radius: var(--radius); padding: .8rem 1rem; margin-bottom: 1rem; }
.gap-group h3 { margin-top: 0; }
.site-footer { border-top: 1px solid var(--border); color: var(--muted); font-size: .9rem; }
.site-footer .inner { padding-top: 1rem; padding-bottom: 2rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 30rem) {
  h1 { font-size: 1.55rem; }
  .actions button, .actions .button { flex: 1 1 auto; text-align: center; }
}
@media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto !important; transition: none !important; } }
`;
