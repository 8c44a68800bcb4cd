/**
 * Prints the CPU seconds (user + sys) of `require(MODULE)` alone, in a fresh process:
 *   node dist/bench/load-module.js MODULE
 */
const before = process.cpuUsage();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loading is what is measured
require(process.argv[2]);
const used = process.cpuUsage(before);
console.log((used.user + used.system) / 1e6);
