// Search as a reader uses it (issue 5), in Chromium on the served site:
// type a word in the header search box on the home page and submit; the search
// page lists results; the first one opens an article whose text has the word;
// back on the search page, a topic filter keeps exactly the results tagged with
// that topic, and a topic the first result lacks drops it; common words in a
// query are ignored and unknown words find nothing. No console errors or
// failed requests on the way. Run once on the site served at / and once on a
// build served under a subpath (/briefing/, built with a matching --base-url),
// where every request must stay under the subpath.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { open } from './pages.mjs';
import { serve } from './server.mjs';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const QUERY = 'Taiwan';
const RESULTS = '#search-results li';
const RESULT_LINKS = '#search-results li h2 a';

/** Topic ids of an article page, from the badges in its header. */
async function articleTopics(page, url) {
  const html = await (await page.request.get(url)).text();
  const header = html.match(/<header class="article-header">([\s\S]*?)<\/header>/)?.[1] ?? '';
  return [...header.matchAll(/class="badge topic-([a-z0-9-]+)/g)].map((m) => m[1]);
}

/** Text of an article page's title and body (not its badges or end matter). */
async function articleText(page, url) {
  const html = await (await page.request.get(url)).text();
  const title = html.match(/<h1>([\s\S]*?)<\/h1>/)?.[1] ?? '';
  const start = html.indexOf('<div class="body">');
  const rest = start < 0 ? '' : html.slice(start);
  const end = rest.search(/<section |<footer class="credits"|<nav class="prev-next"/);
  return (title + ' ' + (end < 0 ? rest : rest.slice(0, end))).replace(/<[^>]+>/g, ' ');
}

const resultHrefs = (page) => page.$$eval(RESULT_LINKS, (as) => as.map((a) => a.href));

/** Wait until the status line reports the search for `q` (with the topic filter
 *  labelled `topic`, or none), so the list below it is that search's; then the
 *  list must be exactly `want` (absolute URLs, any order). */
async function expectResults(page, { q, topic = null, want }, what, problems) {
  const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const status = new RegExp(`^(\\d+|No) results? for “${esc(q)}”${topic ? ` in ${esc(topic)}` : ''}(?:[.;]|$)`);
  try {
    await page.waitForFunction(([re]) => new RegExp(re).test(document.getElementById('search-status').textContent), [
      status.source,
    ]);
  } catch {
    problems.push(`${what}: status "${await page.textContent('#search-status')}" never matched ${status}`);
    return false;
  }
  const got = await resultHrefs(page);
  if ([...got].sort().join('\n') !== [...want].sort().join('\n')) {
    problems.push(`${what}: expected results ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    return false;
  }
  return true;
}

/** Choose a topic in the filter; returns its label as the page shows it. */
async function chooseTopic(page, id) {
  await page.selectOption('#f-topic', id);
  return page.$eval('#f-topic', (s) => s.options[s.selectedIndex].textContent);
}

/** The whole reader's path through search on the site served at `base`. */
async function searchFlow(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  try {
    const { page, errors } = await open(context, base);
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) errors.push(`request outside ${base}: ${r.url()}`);
    });
    page.setDefaultTimeout(10000);

    // 1. The header search box on the home page.
    await page.fill('#site-q', QUERY);
    await Promise.all([page.waitForURL(`${base}search/?q=${QUERY}`), page.press('#site-q', 'Enter')]);
    await page.waitForSelector(RESULTS);
    const all = await resultHrefs(page);
    if (!all.length) throw new Error(`no results for "${QUERY}"`);
    const status = await page.textContent('#search-status');
    if (!status.startsWith(`${all.length} result`)) problems.push(`status "${status}" does not give ${all.length} results`);
    if ((await page.inputValue('#q')) !== QUERY) problems.push(`search box shows "${await page.inputValue('#q')}"`);
    for (const href of all) {
      if (!href.startsWith(`${base}articles/`)) problems.push(`result ${href} is not an article under ${base}`);
      else if (!new RegExp(QUERY, 'i').test(await articleText(page, href))) problems.push(`result ${href} never mentions ${QUERY}`);
    }

    // 2. The first result opens its article, which mentions the word.
    const first = all[0];
    await Promise.all([page.waitForURL(first), page.click(RESULT_LINKS)]);
    const text = `${await page.locator('h1').innerText()} ${await page.locator('.body').innerText()}`;
    if (!text.includes(QUERY)) problems.push(`${first}: the article's text does not mention ${QUERY}`);
    if ((await page.locator('h1').count()) !== 1) problems.push(`${first}: not an article page (no single h1)`);

    // 3. Back to the search: the same results, from the URL the page kept.
    await page.goBack({ waitUntil: 'commit' });
    await expectResults(page, { q: QUERY, want: all }, 'after going back', problems);

    // 4. A topic filter keeps the results tagged with it ...
    const topicsOf = {};
    for (const href of all) topicsOf[href] = await articleTopics(page, href);
    const offered = await page.$$eval('#f-topic option', (os) => os.map((o) => o.value).filter(Boolean));
    const queryTopic = offered.includes(QUERY.toLowerCase()) ? QUERY.toLowerCase() : topicsOf[first][0];
    if (!queryTopic) throw new Error(`first result ${first} has no topic to filter by`);
    const queryLabel = await chooseTopic(page, queryTopic);
    const tagged = all.filter((h) => topicsOf[h].includes(queryTopic));
    if (await expectResults(page, { q: QUERY, topic: queryLabel, want: tagged }, `topic "${queryTopic}"`, problems)) {
      if (!new URL(page.url()).searchParams.get('topic')) problems.push(`topic filter not kept in the URL (${page.url()})`);
    }

    // ... and a topic the first result lacks drops it (the one keeping most results).
    const lacking = offered.filter((t) => !topicsOf[first].includes(t));
    if (!lacking.length) {
      problems.push(`every topic is on the first result ${first}; the seeds no longer exercise excluding it`);
    } else {
      const count = (t) => all.filter((h) => topicsOf[h].includes(t)).length;
      const other = lacking.sort((a, b) => count(b) - count(a))[0];
      const otherLabel = await chooseTopic(page, other);
      const kept = all.filter((h) => topicsOf[h].includes(other));
      await expectResults(page, { q: QUERY, topic: otherLabel, want: kept }, `topic "${other}"`, problems);
      if ((await resultHrefs(page)).includes(first)) problems.push(`topic "${other}" still lists ${first}`);
    }

    // 5. Clearing the filter brings every result back.
    await chooseTopic(page, '');
    await expectResults(page, { q: QUERY, want: all }, 'filter cleared', problems);

    // 6. The search page's own box: a common word is ignored, not matched
    //    (the index leaves such words out), and an unknown word finds nothing
    //    without a request for a missing index file.
    for (const [q, want] of [[`the ${QUERY}`, all], [`${QUERY} qqxzv`, []]]) {
      await page.fill('#q', q);
      await page.press('#q', 'Enter');
      await expectResults(page, { q, want }, `"${q}"`, problems);
    }

    // Leaving a page cancels what it still loads (the favicon, say): not a failure.
    problems.push(...errors.filter((e) => !/^request failed: .* \(net::ERR_ABORTED\)$/.test(e)));
    return problems;
  } finally {
    await context.close();
  }
}

/** Build the project with `dossier` into `out` for `baseUrl`. */
function buildSite(dossier, root, out, baseUrl) {
  const run = spawnSync(dossier, ['build', '--root', root, '--out', out, '--base-url', baseUrl, '--quiet'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`dossier build --base-url ${baseUrl} failed:\n${run.stderr}${run.stdout}`);
}

/** The client's stemmer (static/search.js, run in Node) against rust-stemmers' table. */
function stemChecks() {
  const sandbox = {};
  vm.runInNewContext(fs.readFileSync(path.join(REPO, 'static/search.js'), 'utf8'), sandbox);
  const { stem } = sandbox.dossierSearch;
  const problems = [];
  const table = fs.readFileSync(path.join(REPO, 'tests/fixtures/search/stems.tsv'), 'utf8').trim().split('\n');
  for (const line of table) {
    const [word, want] = line.split('\t');
    const got = /^[a-z]+$/.test(word) ? stem(word) : word;
    if (got !== want && problems.length < 20) problems.push(`stem("${word}") = "${got}", rust-stemmers says "${want}"`);
  }
  if (table.length < 20000) problems.push(`only ${table.length} words in stems.tsv`);
  return problems;
}

/** Run query `q` (with URL parameters `extra`) on the search page of the site at
 *  `base`; returns the result slugs in order and the status line. */
async function search(page, base, q, extra = '') {
  await page.goto(`${base}search/?q=${encodeURIComponent(q)}${extra}`);
  await page.waitForFunction(
    (q) => new RegExp(`^(\\d+|No) results? for “`).test(document.getElementById('search-status').textContent) &&
      document.getElementById('search-status').textContent.includes(`“${q}”`),
    q,
  );
  const hrefs = await resultHrefs(page);
  return { slugs: hrefs.map((h) => h.replace(/\/$/, '').split('/').pop()), status: await page.textContent('#search-status') };
}

/** The relevance set (tests/browser/relevance.json): each query's `top5` slugs must be
 *  among its first five results; `only`: the results are exactly these (any order);
 *  `none`: no result. Sites: "seeds" (the project's seeds, served at `base`) and
 *  "fixture" (tests/fixtures/search, built by `dossier`). */
async function relevanceChecks(browser, sites) {
  const set = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/browser/relevance.json'), 'utf8'));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  try {
    const { page, errors } = await open(context, sites.seeds);
    // Generous: scripts/test runs this beside other work on a loaded machine.
    page.setDefaultTimeout(30000);
    for (const c of set.queries) {
      const base = sites[c.site];
      let got;
      try {
        got = await search(page, base, c.q, c.params ?? '');
      } catch (e) {
        problems.push(`${c.site} "${c.q}": ${e.message.split('\n')[0]}`);
        continue;
      }
      const top = got.slugs.slice(0, 5);
      for (const want of c.top5 ?? []) {
        if (!top.includes(want)) problems.push(`${c.site} "${c.q}": ${want} not in the top 5 ${JSON.stringify(top)}`);
      }
      if (c.only && [...got.slugs].sort().join(' ') !== [...c.only].sort().join(' ')) {
        problems.push(`${c.site} "${c.q}": expected exactly ${JSON.stringify(c.only)}, got ${JSON.stringify(got.slugs)}`);
      }
      if (c.none && got.slugs.length) problems.push(`${c.site} "${c.q}": expected nothing, got ${JSON.stringify(got.slugs)}`);
      if (c.marked) {
        const marks = await page.$$eval('#search-results li:first-child mark', (ms) => ms.map((m) => m.textContent));
        if (!marks.some((m) => m.toLowerCase() === c.marked.toLowerCase())) {
          problems.push(`${c.site} "${c.q}": the first result's excerpt marks ${JSON.stringify(marks)}, not "${c.marked}"`);
        }
      }
    }
    if (set.queries.length < 30) problems.push(`only ${set.queries.length} queries in the relevance set`);
    // Going to the next query cancels what the page still loads (the favicon, say): not a failure.
    problems.push(...errors.filter((e) => !/^request failed: .* \(net::ERR_ABORTED\)$/.test(e)));
    return problems;
  } finally {
    await context.close();
  }
}

export async function runSearchChecks(report, { base, dossier, root }) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    await report.run('search: the client stems as rust-stemmers does (tests/fixtures/search/stems.tsv)', async () => stemChecks());
    // Built from a copy: a build writes its cache and slugs.toml into the project.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-search-fixture-'));
    const project = path.join(work, 'project');
    const site = path.join(work, 'site');
    fs.cpSync(path.join(REPO, 'tests/fixtures/search'), project, { recursive: true, filter: (f) => !f.endsWith('stems.tsv') });
    fs.mkdirSync(site);
    const fixture = await serve(site);
    try {
      await report.run('search: the relevance set (tests/browser/relevance.json) on the seeds and tests/fixtures/search', async () => {
        buildSite(dossier, project, site, fixture.url);
        return relevanceChecks(browser, { seeds: base, fixture: fixture.url });
      });
    } finally {
      await fixture.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
    await report.run(`search (served at /): header box "${QUERY}", open a result, filter by topic`, () =>
      searchFlow(browser, base),
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-subpath-site-'));
    const server = await serve(dir, { prefix: '/briefing/' });
    try {
      await report.run(`search (served under /briefing/, --base-url ${server.url}): the same`, async () => {
        buildSite(dossier, root, dir, server.url);
        return searchFlow(browser, server.url);
      });
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
}
