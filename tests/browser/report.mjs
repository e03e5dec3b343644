// Minimal reporter: each check prints "ok" or "not ok" with details; the
// summary ends with the plain "N passed, N failed" line.
export class Report {
  constructor() {
    this.passed = 0;
    this.failed = [];
  }

  /** Record one check: `problems` is a list of strings (empty = pass). */
  check(name, problems) {
    if (problems.length === 0) {
      this.passed += 1;
      console.log(`ok - ${name}`);
    } else {
      this.failed.push(name);
      console.log(`not ok - ${name}`);
      for (const p of problems) console.log(`    ${String(p).replaceAll('\n', '\n    ')}`);
    }
  }

  /** Run `fn` (returning problems); an exception is a failure of that check. */
  async run(name, fn) {
    let problems;
    try {
      problems = await fn();
    } catch (e) {
      problems = [`threw: ${e?.stack ?? e}`];
    }
    this.check(name, problems ?? []);
  }

  summary() {
    if (this.failed.length) {
      console.log('\nfailed checks:');
      for (const f of this.failed) console.log(`  ${f}`);
    }
    console.log(`browser: ${this.passed} passed, ${this.failed.length} failed`);
    return this.failed.length === 0;
  }
}
