/** A skipped test, named as the reporter sees it. */
export interface SkippedTest {
  /** The test file, relative to the project root. */
  file: string;
  /** Suite and test names joined with " > ". */
  fullName: string;
}

/**
 * Suites that skip on purpose state why in their name, as
 * `[skipped: reason]` or `[PostgreSQL: skipped, reason]`.
 */
const REASON = /\bskipped[:,]\s*([^\]]+)\]/;

/**
 * Lines that say why tests were skipped: one per distinct reason with how
 * many tests it covers, then every test skipped without a stated reason, by
 * name, so that no skip goes unexplained. Empty when nothing was skipped.
 */
export function describeSkips(skipped: readonly SkippedTest[]): string[] {
  const byReason = new Map<string, number>();
  const unexplained: string[] = [];
  for (const test of skipped) {
    const reason = REASON.exec(test.fullName)?.[1]?.trim();
    if (reason) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    else unexplained.push(`  ${test.file} > ${test.fullName}`);
  }
  const lines = [...byReason].map(([reason, count]) => `${count} skipped: ${reason}`);
  if (unexplained.length > 0)
    lines.push(`${unexplained.length} skipped with no reason given:`, ...unexplained);
  return lines;
}
