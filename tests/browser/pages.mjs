// In-browser checks with Playwright (Debian Chromium) and axe-core.
//
// For each key page (home, an article, an author, a topic, the date archive,
// a person, a publication, the search page with a query run), at 375px and
// 1280px, in four colour set-ups (light and dark by prefers-color-scheme, and
// each flipped with the theme toggle): zero axe violations, no console errors
// or failed requests, exactly one h1, no sideways scrolling. Then per page:
// lang, skip link, CSP, no inline script; the toggle's choice survives a
// reload; every page of the site loads without console errors and does not
// scroll sideways on a 360px phone.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WIDTHS = [375, 1280];
/** The narrowest phone every page of the site must fit without sideways scrolling. */
export const PHONE = 360;
/** [name, emulated prefers-color-scheme, click the toggle?, expected theme] */
export const SCHEMES = [
  ['light', 'light', false, 'light'],
  ['dark', 'dark', false, 'dark'],
  ['dark via toggle', 'light', true, 'dark'],
  ['light via toggle', 'dark', true, 'light'],
];
const TOGGLE = '#theme-toggle';
const STORAGE_KEY = 'dossier-theme';

/** Open a page, collecting console errors, page errors and failed requests;
 *  with `ready`, also wait for that selector (content a script fills in). */
export async function open(context, url, ready) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  if (ready) await page.waitForSelector(ready, { timeout: 10000 });
  return { page, errors };
}

/** The page's effective theme: data-theme, else the body background's lightness. */
async function effectiveTheme(page) {
  return page.evaluate(() => {
    const rgb = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).map(Number);
    const lum = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
    return lum < 0.5 ? 'dark' : 'light';
  });
}

async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations.map(
    (v) =>
      `axe ${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `  ${n.target.join(' ')} -- ${n.failureSummary.replaceAll('\n', ' ')}`)
        .join('\n'),
  );
}

async function structure(page, width) {
  return page.evaluate((width) => {
    const problems = [];
    const h1s = document.querySelectorAll('h1').length;
    if (h1s !== 1) problems.push(`expected exactly one h1, found ${h1s}`);
    const sw = document.documentElement.scrollWidth;
    if (sw > width) problems.push(`page scrolls sideways: scrollWidth ${sw} > ${width}`);
    return problems;
  }, width);
}

/** One page in one colour set-up at one width. */
async function checkVariant(browser, url, ready, width, [, scheme, toggle, expected]) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: scheme,
    reducedMotion: 'reduce',
  });
  try {
    const { page, errors } = await open(context, url, ready);
    const problems = [];
    if (toggle) {
      const button = page.locator(TOGGLE);
      if (!(await button.isVisible())) {
        problems.push(`theme toggle ${TOGGLE} is not visible`);
      } else {
        await button.click();
      }
    }
    const theme = await effectiveTheme(page);
    if (theme !== expected) problems.push(`expected a ${expected} page, got ${theme}`);
    problems.push(...(await structure(page, width)));
    problems.push(...(await axeViolations(page)));
    problems.push(...errors);
    return problems;
  } finally {
    await context.close();
  }
}

/** Page-level checks that do not vary with width or theme. */
async function checkPageBasics(browser, url, language) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, errors } = await open(context, url);
    const problems = [...errors];
    const facts = await page.evaluate(() => {
      const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
      const skip = document.querySelector('a.skip-link');
      const target = skip && document.querySelector(skip.getAttribute('href'));
      return {
        lang: document.documentElement.lang,
        csp: csp?.content ?? null,
        skipHref: skip?.getAttribute('href') ?? null,
        skipTarget: target?.tagName ?? null,
        icon: document.querySelector('link[rel="icon"]')?.getAttribute('href') ?? null,
        // Executable inline scripts (the CSP allows none). Data blocks such as
        // JSON-LD (type="application/ld+json") are never run, so are not counted.
        inlineScripts: [...document.scripts].filter(
          (s) => !s.src && /^(|text\/javascript|application\/javascript|module)$/i.test(s.type.trim()),
        ).length,
        main: document.querySelectorAll('main').length,
      };
    });
    if (facts.lang !== language) problems.push(`<html lang="${facts.lang}">, expected "${language}" (book.toml)`);
    if (!facts.csp) problems.push('no Content-Security-Policy meta tag');
    if (!facts.skipHref || !facts.skipTarget) problems.push(`skip link missing or its target is (${facts.skipHref})`);
    if (!facts.icon) problems.push('no <link rel="icon">');
    if (facts.inlineScripts) problems.push(`${facts.inlineScripts} inline script(s)`);
    if (facts.main !== 1) problems.push(`${facts.main} <main> elements`);
    // The skip link is the first thing Tab reaches, and it is then on screen.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        skip: el.classList.contains('skip-link'),
        onScreen: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    if (!focused.skip) problems.push('first Tab does not reach the skip link');
    else if (!focused.onScreen) problems.push('focused skip link is not on screen');
    else if (!focused.outline) problems.push('focused skip link has no visible outline (>= 2px)');
    return problems;
  } finally {
    await context.close();
  }
}

/** The toggle's choice is stored and wins over the system setting after a reload. */
async function checkToggleMemory(browser, url) {
  const context = await browser.newContext({ colorScheme: 'light' });
  try {
    const { page, errors } = await open(context, url);
    const problems = [...errors];
    const button = page.locator(TOGGLE);
    const name = await button.getAttribute('aria-label') ?? (await button.textContent());
    if (!name?.trim()) problems.push('toggle has no accessible name');
    await button.click();
    const stored = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
    if (stored !== 'dark') problems.push(`localStorage ${STORAGE_KEY} = ${stored}, expected "dark"`);
    const pressed = await button.getAttribute('aria-pressed');
    if (pressed !== 'true') problems.push(`aria-pressed = ${pressed} after switching to dark`);
    await page.reload({ waitUntil: 'load' });
    if ((await effectiveTheme(page)) !== 'dark') problems.push('dark choice lost on reload');
    await page.locator(TOGGLE).click();
    await page.reload({ waitUntil: 'load' });
    if ((await effectiveTheme(page)) !== 'light') problems.push('light choice lost on reload');
    return problems;
  } finally {
    await context.close();
  }
}

/** Every HTML page of the site loads with no console errors and one h1, and
 *  fits a PHONE-wide screen (charts scroll inside their own box, not the page). */
async function checkAllPages(browser, base, site) {
  const context = await browser.newContext({ viewport: { width: PHONE, height: 800 } });
  const problems = [];
  try {
    for (const rel of htmlPages(site)) {
      const { page, errors } = await open(context, base + rel);
      const h1s = await page.locator('h1').count();
      if (h1s !== 1) problems.push(`${rel}: ${h1s} h1 elements`);
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      if (sw > PHONE) problems.push(`${rel}: scrolls sideways at ${PHONE}px (scrollWidth ${sw})`);
      problems.push(...errors.map((e) => `${rel}: ${e}`));
      await page.close();
    }
  } finally {
    await context.close();
  }
  return problems;
}

/** Every `.html` file under `dir`, as URL paths relative to it (sorted). */
export function htmlPages(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.split(path.sep).join('/').replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

async function screenshots(browser, base, pages, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const shots = [
    ['home-light.png', pages.home, 1280, 'light'],
    ['article-light.png', pages.article, 1280, 'light'],
    ['article-dark-mobile.png', pages.article, 375, 'dark'],
  ];
  const problems = [];
  for (const [file, rel, width, colorScheme] of shots) {
    const context = await browser.newContext({
      viewport: { width, height: width < 600 ? 812 : 900 },
      colorScheme,
      deviceScaleFactor: 1,
    });
    const { page, errors } = await open(context, base + rel);
    await page.screenshot({ path: path.join(outDir, file) });
    problems.push(...errors);
    await context.close();
  }
  return problems;
}

/** `pages`: label -> URL path (may carry a query); `ready`: label -> selector to wait for. */
export async function runPageChecks(report, { base, site, pages, ready = {}, language, screenshotDir }) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Playwright gives each launch a fresh temporary --user-data-dir of its own.
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    for (const [label, rel] of Object.entries(pages)) {
      const url = base + rel;
      await report.run(`${label} (/${rel}): lang, CSP, icon, skip link, focus`, () =>
        checkPageBasics(browser, url, language),
      );
      for (const width of WIDTHS) {
        for (const scheme of SCHEMES) {
          await report.run(`${label} (/${rel}) ${scheme[0]} ${width}px: axe, console, h1, no overflow`, () =>
            checkVariant(browser, url, ready[label], width, scheme),
          );
        }
      }
    }
    await report.run('theme toggle: stored in localStorage, survives reload', () =>
      checkToggleMemory(browser, base + pages.article),
    );
    await report.run(`every page: no console errors, one h1, no sideways scrolling at ${PHONE}px`, () =>
      checkAllPages(browser, base, site),
    );
    await report.run(`screenshots -> ${screenshotDir}`, () => screenshots(browser, base, pages, screenshotDir));
  } finally {
    await browser.close();
  }
}
