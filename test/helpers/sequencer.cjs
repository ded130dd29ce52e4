// @ts-check
/**
 * Jest's default order puts the longest suites first, from the durations of earlier runs; a fresh
 * clone (CI) has none and falls back to file size, so a long suite that spawns processes could start
 * last and run alone at the end. Suites that spawn processes, servers or browsers start first, in
 * the default order within each group, so the short in-process suites fill the workers around them.
 */
//
// Also set in package.json: `workerIdleMemoryLimit` "1GB". Every test file builds its indexes in a
// fresh module registry, so a worker ends a run holding 1.2–1.5 GB of heap, and jest sometimes
// reported "a worker process has failed to exit gracefully" (4 of 9 runs on 2026-12-04, nothing
// else active in the worker but its pipes). A worker past 1 GB after a file is replaced: 0 of 5
// runs since, at the same suite time (165–180 s on 2 cores); on another machine later that day,
// 1 of 5 runs (257–303 s there, the same with or without the limit), so it lessens the warning
// and does not end it. On a slower machine (session 15: about 2.5 times slower on one core),
// 0 of 3 runs, in 336–434 s, and 545 s in a fresh clone (CI: nothing cached); CPU-bound
// (555–700 user-s on 2 cores), led by the process suites.
const { default: Sequencer } = require("@jest/test-sequencer");

const SPAWNS_PROCESSES = /[\\/]test[\\/](cli|browser|e2e)[\\/]/;

class ProcessSuitesFirst extends Sequencer {
  /** @param {import("@jest/test-result").Test[]} tests */
  sort(tests) {
    const ordered = /** @type {import("@jest/test-result").Test[]} */ (super.sort(tests));
    return [...ordered.filter((test) => SPAWNS_PROCESSES.test(test.path)), ...ordered.filter((test) => !SPAWNS_PROCESSES.test(test.path))];
  }
}

module.exports = ProcessSuitesFirst;
