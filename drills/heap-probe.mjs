// Preloaded into the server by the soak drill only (node --expose-gc --import ./drills/heap-probe.mjs):
// every SOAK_HEAP_SECONDS (default 10) it runs a full garbage collection and appends
// "<epoch ms> <heap used bytes> <rss bytes>" to SOAK_HEAP_FILE. The heap left after a full
// collection is the live set: it grows with a leak, whatever the collector's sawtooth does to RSS.
import { appendFileSync } from 'node:fs';
import process from 'node:process';
import { setInterval } from 'node:timers';

const file = process.env.SOAK_HEAP_FILE;
const gc = globalThis.gc;
if (file && typeof gc === 'function') {
  const every = Number(process.env.SOAK_HEAP_SECONDS || 10) * 1000;
  setInterval(() => {
    gc();
    const memory = process.memoryUsage();
    appendFileSync(file, `${Date.now()} ${memory.heapUsed} ${memory.rss}\n`);
  }, every).unref();
}
