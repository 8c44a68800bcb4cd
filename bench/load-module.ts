/**
 * Prints the CPU seconds (user + sys) of requiring MODULE... in order, in a fresh process:
 *   node dist/bench/load-module.js MODULE...
 */
const before = process.cpuUsage();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loading is what is measured
for (const module of process.argv.slice(2)) require(module);
const used = process.cpuUsage(before);
console.log((used.user + used.system) / 1e6);
