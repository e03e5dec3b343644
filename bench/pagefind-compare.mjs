// The Pagefind side of docs/search.md (issue 20 asked for both, measured alike). Not
// product code: dossier ships its own index; this only measures the alternative.
// Pagefind (npm `pagefind`, its CLI run over the built HTML: `npx pagefind@1.6.0
// --site SITE --glob 'articles/*/index.html'`) must already have indexed SITE.
//
//   node bench/pagefind-compare.mjs SITE bytes "query" ...   bytes a query moves, 10 results' data loaded
//   node bench/pagefind-compare.mjs SITE relevance SET       tests/browser/relevance.json's queries for SET
//                                                            ("seeds" or "fixture"): top-5 hits
//
// Bytes: the files under pagefind/ fetched after the page loaded (entry, meta, index
// chunks, filter chunks, fragments: all already gzip-compressed, so raw = moved);
// pagefind.js and the WebAssembly are counted apart (cached after a first search).
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/browser/chromium.mjs';
import { serve } from '../tests/browser/server.mjs';

const [site, mode, ...args] = process.argv.slice(2);
const server = await serve(site);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

async function run(q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = [];
  page.on('response', async (r) => {
    const path = new URL(r.url()).pathname;
    if (!path.includes('/pagefind/')) return;
    try {
      files.push({ path, bytes: (await r.body()).length });
    } catch {
      /* ignore */
    }
  });
  await page.goto(`${server.url}search/`);
  const urls = await page.evaluate(async (q) => {
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.init();
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    return data.map((d) => d.url);
  }, q);
  await context.close();
  return { urls, files };
}

try {
  if (mode === 'bytes') {
    for (const q of args) {
      const { files } = await run(q);
      const code = files.filter((f) => /\.(js|wasm\.\w+|wasm)$/.test(f.path) || f.path.endsWith('.pagefind'));
      const index = files.filter((f) => !code.includes(f));
      const kb = (fs) => (fs.reduce((a, f) => a + f.bytes, 0) / 1024).toFixed(1);
      const kind = (re) => index.filter((f) => re.test(f.path));
      console.log(
        `"${q}": ${kb(index)} KB in ${index.length} files [meta/entry ${kb(kind(/pf_meta|entry/))}, index ${kb(kind(/\/index\//))}, ` +
          `fragments ${kb(kind(/\/fragment\//))}, filters ${kb(kind(/\/filter\//))}]; js+wasm ${kb(code)} KB`,
      );
    }
  } else if (mode === 'relevance') {
    const set = JSON.parse(fs.readFileSync(new URL('../tests/browser/relevance.json', import.meta.url), 'utf8'));
    let pass = 0;
    let total = 0;
    for (const c of set.queries.filter((c) => c.site === args[0] && !c.params)) {
      total += 1;
      const { urls } = await run(c.q);
      const slugs = urls.map((u) => u.replace(/\/(index\.html)?$/, '').split('/').pop());
      const top = slugs.slice(0, 5);
      const ok =
        (c.top5 ?? []).every((s) => top.includes(s)) &&
        (!c.only || [...slugs].sort().join(' ') === [...c.only].sort().join(' ')) &&
        (!c.none || slugs.length === 0);
      if (ok) pass += 1;
      else console.log(`miss: "${c.q}" -> ${JSON.stringify(slugs)}`);
    }
    console.log(`${args[0]}: ${pass} of ${total} queries pass (filters and sort left out)`);
  }
} finally {
  await browser.close();
  await server.close();
}
