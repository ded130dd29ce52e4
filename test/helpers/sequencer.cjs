// @ts-check
/**
 * Jest's default order puts the longest suites first, from the durations of earlier runs; a fresh
 * clone (CI) has none and falls back to file size, so a long suite that spawns processes could start
 * last and run alone at the end. The evaluation over every domain (the longest in-process suite)
 * starts first, then the suites that spawn processes, servers or browsers, in the default order
 * within each group, so the short in-process suites fill the workers around them. Session 33's
 * machine, no durations kept: the evaluation started at 166 s of 292 s and ended the run; started
 * first, the run took 241 s (437 CPU-s against 508: less time with three workers on two cores).
 */
//
// Also set in package.json: `workerIdleMemoryLimit` "1GB". Every test file builds its indexes in a
// fresh module registry, so a worker ends a run holding 1.2–1.5 GB of heap; a worker past 1 GB
// after a file is replaced. Jest's occasional "a worker process has failed to exit gracefully" (a
// worker still busy 500 ms after it was told to end) had another cause too, found in session 16 by
// logging each worker's open handles after every file: the Web Chat bundle test left a 1 MB
// response body unread, which held its connection open past the file (and made the app's close
// wait out its 10 s grace). Since, no file leaves anything open 0.6 s after its teardown (one
// logged run: only the Redis rate limit suite still holds a timer at 0.1 s), yet 3 of 6 full runs
// warned once. What is left looks like a slow exit, not a leak: a plain Node process holding a
// 1.2 GB heap took 350–380 ms to exit on an idle machine (550 MB: 220–230 ms), and workers end a
// run holding up to 1.3 GB (`--logHeapUsage`), all exiting at once on 2 cores. With
// `--workerIdleMemoryLimit=600MB` one full run did not warn, in 262 s and 342 user-s (more
// restarts); not adopted on one run. Suite time on 2 cores: 165–180 s (2026-12-04, one machine), 336–434 s on a machine
// about 2.5 times slower, 237 s warm and 265 s cold on session 16's; CPU-bound (310–700 user-s),
// led by the process suites. Session 27's machine: 282 s (465 CPU-s) on the first run after
// `npm ci`, 228 s (367 CPU-s) warm; `--maxWorkers=4` warm: 249 s (412 CPU-s), not adopted. Run one
// file at a time, the 84 files cost 683 CPU-s, 2.8 s of each being jest's start; the largest are
// `processes.test.ts` (54), `generalization.test.ts` (23), `scale-out` and `direct-line-bounds`
// (21–22), the three browser suites (15–18 each). A test file's own work is mostly its first
// index (the analyser's readings) and garbage collection; `--max-semi-space-size` 32 or 64 made a
// dialog and the generalization suite slower (27 → 31, 34 user-s). Session 28's machine: 370 s
// on the first run after `npm ci` and 408 s on the next, both while other work ran; alone, 220 s
// and 273 s at the 1 GB limit and 233 s at 3 GB (not adopted: within the spread). `vmstat` during
// a run shows no idle CPU and 15–35% system time: the suite is CPU-bound, and `/usr/bin/time`'s
// user figures (370–400 s) undercount it. `processes.test.ts` alone: 40 s, of which the build
// is about 6 s and its 29 tests 0.3–2.9 s each (a CLI process starts in 0.4–1.5 s). Session 31's
// machine, the first run after `npm ci`: 212 s (389 CPU-s); with the kept readings held apart from
// the analyser's memo (`bot/matching/README.md`, "Readings kept across processes"), a run that also
// wrote a new readings version: 177 s (319 CPU-s). Session 36's machine (slower and noisier), 84
// files and 39 evaluation domains: 356 s (10.5 CPU-min) at the start, the evaluation suite 115
// CPU-s alone and the run's critical path (296 s from its start); natural's corrector had spent a
// third of it deduplicating candidates quadratically (`OneEditSpellcheck` in `lexicon.ts`). After:
// 255–277 s (7.8–8.4 CPU-min), the evaluation suite 61 CPU-s; `--maxWorkers=2` 268 s. Session 38's
// machine, the first run after `npm ci`, 84 files and 43 domains: 331 s (574 CPU-s), every worker
// busy to the end (the run is CPU-bound: a shorter critical path would not shorten it). Run one
// file at a time, the 84 files cost 862 CPU-s, jest's start included: the evaluation suite 87,
// `processes.test.ts` 79, `scale-out` 26, `direct-line-bounds` 24, the playground 20. In the
// evaluation suite's own work (45 s of a plain run over every domain) the analyser's first
// reading of each new word leads; respelling words typed in plain letters is 3.9 s of it.
// Session 41's machine, 84 files and 54 domains, the first run after `npm ci`: 268 s (490 CPU-s),
// the evaluation suite 193 s of it beside the others and 76 s alone (54 s as a plain script: under
// jest, natural's Damerau-Levenshtein distance, a cell at a time through underscore's `min`, cost
// three times what it does outside). A mistyped stop word is now told by `withinOneEdit` against
// each stop word (`isMistypedStopWord`), where that distance ran, and a foreign typo the same way
// (`foreignTypo`), where natural's corrector made every string one edit away: the twelve tuning
// halves as a script 18 → 10 s, every decision identical. The evaluation suite alone then took
// 63 s with 56 domains; the full run 216 s (393 CPU-s) warm and 258 s (448 CPU-s) in a fresh
// clone's path (jest's transform cache cold), and `.ci/run` in a fresh clone 244 s of jest.
// Session 42's machine (about 1.7 times slower: the twelve tuning halves as a script 17 s), 84
// files and 56 domains, the first run after `npm ci` in a fresh clone: 408 s (710 CPU-s, 114 of
// them system), the evaluation suite 226 s and `processes.test.ts` 216 s beside the others
// (58 s, 78 CPU-s alone). In a plain pass over the held-out halves the analyser's failed look-ups
// of respelled words are 13 of 24 s (`bot/matching/README.md`, the Speed section's end).
// Session 43's machine (faster: the twelve tuning halves as a script 10.9 s), 84 files and 62–64
// domains: 220–230 s (400 CPU-s, 36 of them system) warm, and 230 s of jest in `.ci/run` in a fresh
// clone; the evaluation suite 115–151 s and `processes.test.ts` 99–117 s beside the others (48
// and 54 s alone). A full run with every Node process profiled (a `--require` preload that starts
// the inspector's profiler and writes the profile on exit; `--cpu-prof` is refused in
// NODE_OPTIONS) counted 230 CPU-s in the processes the tests start, not in jest's workers: 12
// servers 78 CPU-s (module loading most of it: V8 compiling modules 10 s, tsx's esbuild 4.5 s,
// reading files 3.5 s), about 60 CLI processes 120 CPU-s (`ask` 8 runs, 17 s; `kb-keep` 9, 17 s;
// feedback data 15, 25 s), npm itself 23 processes and 8.5 CPU-s, one `tsc` 9 s. More than half
// of the suite's CPU is child processes starting up, which the standard asks for ("every CLI and
// the server as real child processes"); what is left to cut is per process, not per test.
// Session 45's machine (slower: the fourteen tuning halves as a script 15 s, twelve took 9–11 s
// before), 73 domains and 1,347 tests (new process suites: `kb-import`, `teams:package` runs),
// `.ci/run` in a fresh clone: 392 s of jest, 550 s in all; the evaluation suite 216 s and
// `processes.test.ts` 161 s beside the others. Session 46's machine: one evaluation file was the
// longest (162 s of a 350 s run, three helpers' work beside it) and ran on while other workers
// idled; split into three files (`generalization-1…3.test.ts`, every third domain each), `.ci/run`
// in a fresh clone took 312 s of jest (451 s in all) for 108 files and 1,603 tests.
const { default: Sequencer } = require("@jest/test-sequencer");

const SPAWNS_PROCESSES = /[\\/]test[\\/](cli|browser|e2e)[\\/]/;
/** The evaluation over every domain: the longest in-process suite, which started last ended the run. */
const EVALUATION = /[\\/]test[\\/]eval[\\/]/;

class ProcessSuitesFirst extends Sequencer {
  /** @param {import("@jest/test-result").Test[]} tests */
  sort(tests) {
    const ordered = /** @type {import("@jest/test-result").Test[]} */ (super.sort(tests));
    /** @param {import("@jest/test-result").Test} test */
    const first = (test) => EVALUATION.test(test.path) || SPAWNS_PROCESSES.test(test.path);
    return [...ordered.filter((test) => EVALUATION.test(test.path)), ...ordered.filter((test) => SPAWNS_PROCESSES.test(test.path)), ...ordered.filter((test) => !first(test))];
  }
}

module.exports = ProcessSuitesFirst;
