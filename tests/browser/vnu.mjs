// The Nu Html Checker (npm vnu-jar, run with the system Java) on every page,
// stylesheet and SVG file of the built site: zero errors. Files, not URLs: vnu
// refuses to fetch from loopback hosts. Checked as files, every stylesheet and
// script looks like a CSP violation to vnu (a file: URL is never 'self'), so
// those warnings are dropped; Chromium checks the CSP for real over HTTP
// (pages.mjs fails on any console error, which a CSP violation is).
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

/** Every `.css` and `.svg` file of the site, relative to it. */
function assets(site) {
  return fs
    .readdirSync(site, { recursive: true })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => /\.(css|svg)$/.test(f))
    .sort();
}

/** Check `files`; returns { errors: [...], warnings: [...] } as "path:line: message" strings. */
export async function vnu(site, files) {
  // -Xss4m: vnu's schema check recurses deeply; the 512k its docs suggest overflows here.
  const args = ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--also-check-css', '--also-check-svg', ...files];
  const run = await new Promise((resolve, reject) => {
    const child = spawn('java', args, { cwd: site, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  let messages;
  try {
    messages = JSON.parse(run.stderr).messages;
  } catch {
    throw new Error(`vnu gave no JSON (exit ${run.status}):\n${run.stderr}${run.stdout}`);
  }
  const where = (m) => `${path.relative(site, new URL(m.url).pathname)}:${m.lastLine ?? '?'}`;
  const text = (m) => `${where(m)}: ${m.message}${m.extract ? `\n  ${m.extract.trim()}` : ''}`;
  return {
    errors: messages.filter((m) => m.type !== 'info').map(text),
    warnings: messages
      .filter((m) => m.type === 'info' && m.subType === 'warning')
      .filter((m) => !m.message.startsWith('Resource violates Content Security Policy'))
      // JSON-LD is a data block, never executed, so script-src does not apply to it;
      // vnu reports it as an inline script all the same.
      .filter((m) => !(m.message.startsWith('Inline script violates Content Security Policy') && /application\/ld\+json/.test(m.extract ?? '')))
      .map(text),
  };
}

/** `pages` are the site's HTML pages as URL paths ("", "authors/x/"). */
export async function runVnu(report, site, pages) {
  const files = assets(site);
  const html = pages.map((p) => (p === "" || p.endsWith("/") ? `${p}index.html` : p));
  const name = `vnu: ${html.length} HTML pages and ${files.length} CSS/SVG files have zero errors`;
  await report.run(name, async () => {
    const { errors, warnings } = await vnu(site, [...html, ...files]);
    for (const w of warnings) console.log(`    vnu warning: ${w}`);
    return errors;
  });
}
