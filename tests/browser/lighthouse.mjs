// Lighthouse (npm lighthouse, driving Debian Chromium through chrome-launcher):
// performance, accessibility, best practices and SEO each >= 0.95 on the home
// page and an article, each on a 375px phone (Lighthouse's mobile settings:
// simulated slow 4G and a 4x slower CPU) and a 1280px desktop (its desktop
// settings), in the light and the dark colour scheme.
import fs from 'node:fs';
import lighthouse from 'lighthouse';
import * as constants from 'lighthouse/core/config/constants.js';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, freshProfile } from './chromium.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
export const THRESHOLD = 0.95;

/** [name, Lighthouse settings]: Lighthouse's own mobile and desktop set-ups at our widths. */
export const DEVICES = [
  [
    '375px',
    {
      formFactor: 'mobile',
      screenEmulation: { ...constants.screenEmulationMetrics.mobile, width: 375, height: 812 },
    },
  ],
  [
    '1280px',
    {
      formFactor: 'desktop',
      throttling: constants.throttling.desktopDense4G,
      screenEmulation: { ...constants.screenEmulationMetrics.desktop, width: 1280, height: 900 },
      emulatedUserAgent: constants.userAgents.desktop,
    },
  ],
];

/** Colour schemes: Lighthouse cannot emulate one, so the browser is started in it. */
export const SCHEMES = [
  ['light', []],
  ['dark', ['--force-dark-mode']],
];

/** Whether the browser on `port` reports prefers-color-scheme: dark to pages. */
async function prefersDark(port) {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = await browser.newContext({ colorScheme: 'no-override' });
    const page = await context.newPage();
    await page.goto('about:blank');
    const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
    await context.close();
    return dark;
  } finally {
    await browser.close();
  }
}

export async function runLighthouse(report, base, pages) {
  const scores = {};
  for (const [scheme, flags] of SCHEMES) {
    const userDataDir = freshProfile();
    const chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM,
      chromeFlags: [...CHROMIUM_ARGS, ...flags],
      userDataDir,
      logLevel: 'silent',
    });
    try {
      const dark = await prefersDark(chrome.port);
      for (const [label, rel] of pages) {
        for (const [device, settings] of DEVICES) {
          const name = `${label} ${scheme} ${device}`;
          await report.run(`lighthouse ${name} (/${rel}): every category >= ${THRESHOLD}`, async () => {
            if (dark !== (scheme === 'dark')) return [`the browser does not prefer a ${scheme} colour scheme`];
            const result = await lighthouse(
              base + rel,
              { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES },
              { extends: 'lighthouse:default', settings },
            );
            const lhr = result.lhr;
            const problems = [];
            if (lhr.runtimeError) problems.push(`runtime error: ${lhr.runtimeError.message}`);
            scores[name] = {};
            for (const id of CATEGORIES) {
              const cat = lhr.categories[id];
              scores[name][id] = cat.score;
              if (cat.score === null || cat.score < THRESHOLD) {
                const weak = cat.auditRefs
                  .map((r) => lhr.audits[r.id])
                  .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
                  .map((a) => `${a.id} (${a.score}): ${a.title}`);
                problems.push(`${id} ${cat.score} < ${THRESHOLD}; weak audits: ${weak.join('; ') || 'none'}`);
              }
            }
            console.log(`    scores: ${CATEGORIES.map((c) => `${c} ${scores[name][c]}`).join(', ')}`);
            return problems;
          });
        }
      }
    } finally {
      await chrome.kill();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  }
  return scores;
}
