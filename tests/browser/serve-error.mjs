// `dossier serve` with a broken book.toml (issue 19): every page shows the error
// banner at the top, styled by the theme's stylesheet under the pages' own
// Content-Security-Policy (no inline style to block), with the file, the line and
// the caret under it kept on their own lines; and no console error on the way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { open } from './pages.mjs';

/** Start `dossier serve --port 0` on `root`; resolves with its URL and a stop(). */
function startServe(dossier, root) {
  const child = spawn(dossier, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const stop = () => child.kill();
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 120 s: ${stderr}`)), 120000);
    child.stdout.on('data', (d) => {
      out += d;
      const url = out.match(/^serving .* at (\S+)/m)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, stop, stderr: () => stderr });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

/** Poll `url` until its body satisfies `ok` (at most `ms`). */
async function waitFor(url, ok, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const body = await fetch(url).then((r) => r.text(), () => '');
    if (ok(body)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

export async function runServeErrorChecks(report, { dossier, fixture }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-serve-error-'));
  fs.cpSync(fixture, root, { recursive: true });
  let server;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await report.run('serve: a broken book.toml shows a styled banner at the top of every page, no console error', async () => {
      const problems = [];
      server = await startServe(dossier, root);
      const book = path.join(root, 'book.toml');
      fs.writeFileSync(book, `${fs.readFileSync(book, 'utf8')}\n[site\n`);
      if (!(await waitFor(server.url, (b) => b.includes('dossier-build-error'), 20000))) {
        return [`no error banner after breaking book.toml: ${server.stderr()}`];
      }
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      for (const rel of ['', 'dates/', 'no-such-page/']) {
        const { page, errors } = await open(context, server.url + rel);
        // The missing page answers 404 by design (the browser logs that status as a
        // console error too); any other error counts.
        const expected = (e) => rel === 'no-such-page/' && (e.startsWith('HTTP 404') || /status of 404/.test(e));
        problems.push(...errors.filter((e) => !expected(e)).map((e) => `/${rel}: ${e}`));
        const banner = await page.$('.dossier-build-error');
        if (!banner) {
          problems.push(`/${rel}: no banner`);
          continue;
        }
        const seen = await banner.evaluate((el) => {
          const box = el.getBoundingClientRect();
          const css = getComputedStyle(el);
          const pre = el.querySelector('pre');
          return {
            top: box.top,
            height: box.height,
            first: document.body.firstElementChild === el,
            background: css.backgroundColor,
            position: css.position,
            whiteSpace: pre ? getComputedStyle(pre).whiteSpace : null,
            text: el.innerText,
            inline: el.hasAttribute('style'),
          };
        });
        if (!seen.first) problems.push(`/${rel}: the banner is not the first thing in <body>`);
        if (seen.top !== 0 || seen.height < 40) problems.push(`/${rel}: banner at top ${seen.top}, height ${seen.height}`);
        if (seen.background !== 'rgb(122, 16, 16)') problems.push(`/${rel}: banner background ${seen.background}: the stylesheet did not apply`);
        if (seen.position !== 'sticky') problems.push(`/${rel}: banner position ${seen.position}`);
        if (seen.inline) problems.push(`/${rel}: the banner has an inline style`);
        if (seen.whiteSpace !== 'pre') problems.push(`/${rel}: the message's white-space is ${seen.whiteSpace}`);
        if (!seen.text.includes('book.toml') || !/line \d+/.test(seen.text) || !/\n\s*\d+ \| \[site\n\s*\|\s*\^/.test(seen.text)) {
          problems.push(`/${rel}: the banner lacks the file, line or caret: ${JSON.stringify(seen.text)}`);
        }
        await page.close();
      }
      await context.close();
      return problems;
    });
  } finally {
    server?.stop();
    await browser.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
