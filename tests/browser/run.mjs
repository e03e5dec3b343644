// The browser suite for a built dossier site.
//
//   node tests/browser/run.mjs SITE_DIR [--screenshots DIR] [--language CODE] [--dossier BIN]
//
// 1. Serve SITE_DIR on 127.0.0.1 (server.mjs).
// 2. Key pages in Chromium with axe-core, both themes, two widths (pages.mjs);
//    every page for console errors and sideways scrolling on a phone;
//    screenshots of the home page and an article.
// 3. Search as a reader uses it, at / and (a build by BIN, default
//    target/debug/dossier, with --base-url) under /briefing/ (search.mjs).
// 4. vnu on every HTML page, the CSS and the SVG (vnu.mjs).
// 5. Lighthouse on the home page and an article (lighthouse.mjs).
// 6. `dossier serve` with a broken book.toml: the error banner, styled under the
//    CSP, at the top of every page (serve-error.mjs).
// Prints one line per check and ends with "browser: N passed, N failed";
// exits non-zero when any check failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { Report } from './report.mjs';
import { htmlPages, runPageChecks } from './pages.mjs';
import { runVnu } from './vnu.mjs';
import { runLighthouse } from './lighthouse.mjs';
import { QUERY, runSearchChecks } from './search.mjs';
import { runServeErrorChecks } from './serve-error.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function parseArgs(argv) {
  const opts = {
    screenshots: path.join(repo, 'docs/screenshots'),
    language: null,
    site: null,
    dossier: path.join(repo, 'target/debug/dossier'),
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--screenshots') opts.screenshots = path.resolve(argv[++i]);
    else if (argv[i] === '--dossier') opts.dossier = path.resolve(argv[++i]);
    else if (argv[i] === '--language') opts.language = argv[++i];
    else if (!opts.site) opts.site = path.resolve(argv[i]);
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!opts.site) throw new Error('usage: run.mjs SITE_DIR [--screenshots DIR] [--language CODE] [--dossier BIN]');
  return opts;
}

/** `language = "xx"` from the project's book.toml ("en" when absent, as dossier defaults). */
function bookLanguage() {
  const file = path.join(repo, 'book.toml');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return text.match(/^\s*language\s*=\s*"([^"]+)"/m)?.[1] ?? 'en';
}

/** The first sub-page (sorted) under `dir/`, e.g. "authors/jane-doe/". */
function firstUnder(site, dir) {
  const names = fs
    .readdirSync(path.join(site, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'page' && fs.existsSync(path.join(site, dir, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
  if (!names.length) throw new Error(`no pages under ${dir}/ in ${site}`);
  return `${dir}/${names[0]}/`;
}

/** The article with the most sections (so the contents list is exercised); ties: first by name. */
function richestArticle(site) {
  const names = fs.readdirSync(path.join(site, 'articles')).sort();
  let best = null;
  let most = -1;
  for (const n of names) {
    const file = path.join(site, 'articles', n, 'index.html');
    if (!fs.existsSync(file)) continue;
    const h2s = (fs.readFileSync(file, 'utf8').match(/<h2[\s>]/g) ?? []).length;
    if (h2s > most) [best, most] = [n, h2s];
  }
  if (!best) throw new Error(`no articles in ${site}`);
  return `articles/${best}/`;
}

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const language = opts.language ?? bookLanguage();
  const pages = {
    home: '',
    article: richestArticle(opts.site),
    author: firstUnder(opts.site, 'authors'),
    topic: firstUnder(opts.site, 'topics'),
    archive: 'dates/',
    person: firstUnder(opts.site, 'people'),
    publication: firstUnder(opts.site, 'publications'),
    search: `search/?q=${QUERY}`,
  };
  // Pages a script fills in after load: check them once it has.
  const ready = { search: '#search-results li' };
  const all = htmlPages(opts.site);
  const report = new Report();
  const server = await serve(opts.site);
  console.log(`browser suite: ${all.length} pages served at ${server.url}`);
  try {
    await runPageChecks(report, { base: server.url, site: opts.site, pages, ready, language, screenshotDir: opts.screenshots });
    await runSearchChecks(report, { base: server.url, dossier: opts.dossier, root: repo });
    await runVnu(report, opts.site, all);
    await runLighthouse(report, server.url, [
      ['home', pages.home],
      ['article', pages.article],
    ]);
    await runServeErrorChecks(report, { dossier: opts.dossier, fixture: path.join(repo, 'tests/fixtures/site') });
  } finally {
    await server.close();
  }
  console.log(`browser suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = report.summary() ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
