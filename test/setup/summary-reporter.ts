import type { Reporter, SerializedError, TestModule } from 'vitest/node';
import { describeSkips, type SkippedTest } from './skip-reasons.js';

/**
 * Ends the run with one plain line, `N passed, N failed, N skipped`, which CI
 * reads whatever the test runner; vitest's own summary is styled differently.
 * Before it, why tests were skipped, once per reason: vitest's default
 * reporter never shows the names of skipped suites, which hold the reason.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError> = [],
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skippedTests: SkippedTest[] = [];
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else {
          skipped++;
          skippedTests.push({ file: module.relativeModuleId, fullName: test.fullName });
        }
      }
      // A file that fails to load, or whose hooks fail, is a failure even when no test ran.
      failed += failedHere > 0 ? failedHere : module.state() === 'failed' ? 1 : 0;
    }
    // An unhandled error fails the run even when every test passed; the line must say so.
    failed += unhandledErrors.length;
    const reasons = describeSkips(skippedTests);
    if (reasons.length > 0) process.stdout.write(`\n${reasons.join('\n')}\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
