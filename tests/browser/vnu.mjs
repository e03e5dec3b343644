// The Nu Html Checker (npm vnu-jar, run with the system Java) on every page,
// stylesheet and SVG of the built site: zero errors.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

/** Returns { errors: [...], warnings: [...] } as "file:line: message" strings. */
export function vnu(site) {
  // -Xss4m: vnu's schema check recurses deeply; the 512k its docs suggest overflows here.
  const run = spawnSync(
    'java',
    ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--also-check-css', '--also-check-svg', site],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  if (run.error) throw run.error;
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
    warnings: messages.filter((m) => m.type === 'info' && m.subType === 'warning').map(text),
  };
}

export async function runVnu(report, site, pageCount) {
  await report.run(`vnu: ${pageCount} HTML pages, CSS and SVG have zero errors`, () => {
    const { errors, warnings } = vnu(site);
    for (const w of warnings) console.log(`    vnu warning: ${w}`);
    return errors;
  });
}
