// Lighthouse (npm lighthouse, driving Debian Chromium through chrome-launcher):
// performance, accessibility, best practices and SEO each >= 0.95 on the
// home page and an article, with Lighthouse's default (mobile, simulated
// throttling) settings.
import fs from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM, CHROMIUM_ARGS, freshProfile } from './chromium.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
export const THRESHOLD = 0.95;

export async function runLighthouse(report, base, pages) {
  const userDataDir = freshProfile();
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROMIUM_ARGS,
    userDataDir,
    logLevel: 'silent',
  });
  const scores = {};
  try {
    for (const [label, rel] of pages) {
      await report.run(`lighthouse ${label} (/${rel}): every category >= ${THRESHOLD}`, async () => {
        const result = await lighthouse(base + rel, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: CATEGORIES,
        });
        const lhr = result.lhr;
        const problems = [];
        if (lhr.runtimeError) problems.push(`runtime error: ${lhr.runtimeError.message}`);
        scores[label] = {};
        for (const id of CATEGORIES) {
          const cat = lhr.categories[id];
          scores[label][id] = cat.score;
          if (cat.score === null || cat.score < THRESHOLD) {
            const weak = cat.auditRefs
              .map((r) => lhr.audits[r.id])
              .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
              .map((a) => `${a.id} (${a.score}): ${a.title}`);
            problems.push(`${id} ${cat.score} < ${THRESHOLD}; weak audits: ${weak.join('; ') || 'none'}`);
          }
        }
        console.log(`    scores: ${CATEGORIES.map((c) => `${c} ${scores[label][c]}`).join(', ')}`);
        return problems;
      });
    }
  } finally {
    await chrome.kill();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  return scores;
}
