// Bytes a search moves (issue 20): run each query on the real search page of a built
// site in Chromium and add up the index files it fetched (search/meta.json, term
// shards, filter sets, result fragments), raw and as gzip -6 would send them (what a
// static host such as GitHub Pages serves JSON as). The page's HTML, CSS and JS are
// left out: they are the same for every query and cached.
//
//   node bench/search-bytes.mjs SITE_DIR "query" ["query" ...]
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/chromium.mjs';
import { serve } from '../tests/browser/server.mjs';

const [site, ...queries] = process.argv.slice(2);
if (!site || !queries.length) throw new Error('usage: search-bytes.mjs SITE_DIR "query" ...');
const server = await serve(site);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
try {
  for (const q of queries) {
    // A fresh context: an empty cache, as a reader's first search.
    const context = await browser.newContext();
    const page = await context.newPage();
    const files = [];
    page.on('response', async (r) => {
      const path = new URL(r.url()).pathname;
      if (!/\/search\/(meta\.json|terms\/|filters\/|f\/)/.test(path)) return;
      try {
        const body = await r.body();
        files.push({ path, raw: body.length, gz: zlib.gzipSync(body, { level: 6 }).length });
      } catch {
        /* the page moved on */
      }
    });
    const started = Date.now();
    await page.goto(`${server.url}search/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /results? for|only words too common/.test(document.getElementById('search-status').textContent), null, { timeout: 120000 });
    const ms = Date.now() - started;
    await page.waitForTimeout(200);
    const status = await page.textContent('#search-status');
    const sum = (k) => files.reduce((a, f) => a + f[k], 0);
    const kind = (re) => files.filter((f) => re.test(f.path));
    const part = (re) => `${kind(re).length} (${(kind(re).reduce((a, f) => a + f.raw, 0) / 1024).toFixed(1)} KB)`;
    console.log(
      `"${q}": ${(sum('raw') / 1024).toFixed(1)} KB raw, ${(sum('gz') / 1024).toFixed(1)} KB gzip in ${files.length} files ` +
        `[meta ${part(/meta\.json/)}, shards ${part(/terms\//)}, fragments ${part(/\/f\//)}, filters ${part(/filters\//)}]; ` +
        `${ms} ms; ${status}`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
