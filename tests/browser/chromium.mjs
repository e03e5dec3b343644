// Debian's Chromium, never a browser downloaded by a package.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh, empty profile directory (removed by the caller). */
export function freshProfile() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-chromium-'));
}
