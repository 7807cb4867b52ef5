/**
 * V8's young generation for Ogoh's processes. Analysis allocates many short-lived objects per item
 * (candidate rows, anchor keys, decision records); with V8's default semi-space (16 MB) the main
 * thread of a 1M-item `analyse` spent about a tenth of its time in the garbage collector. A 64 MB
 * semi-space (at most about 200 MB of young generation per thread) cut a 100k-item run's
 * main-thread CPU by 10 % (docs/BENCHMARKS.md); 128 MB gave nothing more.
 */
import { setFlagsFromString } from 'node:v8';

export const SEMI_SPACE_MB = 64;

/**
 * Raises the semi-space once, early in an entry point (the CLI, benchmarks), unless the operator set
 * one (node's flags or NODE_OPTIONS). Threads started afterwards (prepare, jobs) inherit it.
 */
export function tuneHeap(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  if ([...execArgv, nodeOptions].some((f) => f.includes('--max-semi-space-size'))) return false;
  setFlagsFromString(`--max-semi-space-size=${SEMI_SPACE_MB}`);
  return true;
}
