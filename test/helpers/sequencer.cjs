// @ts-check
/**
 * Jest's default order puts the longest suites first, from the durations of earlier runs; a fresh
 * clone (CI) has none and falls back to file size, so a long suite that spawns processes could start
 * last and run alone at the end. Suites that spawn processes, servers or browsers start first, in
 * the default order within each group, so the short in-process suites fill the workers around them.
 */
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
