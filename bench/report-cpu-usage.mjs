// Preloaded into a benchmarked child (`node --import ./bench/report-cpu-usage.mjs …`): on exit it
// writes the process's own CPU time (user + system, ms) to fd 3. Unlike wall time, it does not
// grow when other processes load the machine.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  try {
    writeSync(3, `${Math.round((user + system) / 1000)}\n`);
  } catch {
    // Not run by the benchmark (no fd 3): nothing to report to.
  }
});
