// Adds up vitest's JSON reports from every package into one closing line,
// "N passed, N failed", so CI can tell a run that tested nothing from a green one.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
let files = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  files += 1;
  passed += report.numPassedTests ?? 0;
  // A file that failed to load fails no test of its own: count it once; otherwise count failed tests.
  const failedTests = report.numFailedTests ?? 0;
  failed += failedTests > 0 ? failedTests : (report.numFailedTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`\n${files} test reports`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (files === 0 || passed === 0) {
  console.error("no tests ran: treat as a failure");
  process.exit(1);
}
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
