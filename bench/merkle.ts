/**
 * `npm run bench:merkle`: how long the evidence log's sealing job takes to put k new entries into
 * the RFC 6962 tree and compute the checkpoint's root (issue #13 asks for 10,000 and 1,000,000
 * entries since the previous checkpoint), beside the plain SHA-256 of the same number of 32-byte
 * inputs in the same run, so that the ratio holds on a noisy machine. Pure CPU, no database.
 *
 * Each figure is the median of BENCH_MERKLE_RUNS rounds (default 3), the scenarios taking turns
 * within a round. Rows:
 * - baseline: SHA-256 of k 32-byte inputs (one createHash each);
 * - seal k entries into an empty tree: leafHash + CompactRange.append + root();
 * - the same onto a tree of 1,000,000 entries, resumed from its checkpoint JSON (the cost does
 *   not depend on the tree's size: no old leaf is read);
 * - the same while recording every completed node for proofs (the node table's rows, here
 *   copied into flat buffers);
 * - inclusion and consistency proofs from those nodes at 1,000,000 + k entries.
 */
import { randomBytes, createHash } from 'node:crypto';
import {
  CompactRange,
  consistencyProofFrom,
  inclusionProofFrom,
  leafHash,
  rootFrom,
  verifyConsistency,
  verifyInclusion,
  type CompactRangeState,
  type Hash,
  type HashAt,
} from '../apps/server/src/lib/merkle';

const RUNS = Number(process.env.BENCH_MERKLE_RUNS ?? 3);
const SIZES = [10_000, 1_000_000];
const EXISTING = 1_000_000;

/** The entries' own hashes (what a stream's chain gives the log), 32 bytes each. */
function entries(count: number): Buffer {
  return randomBytes(count * 32);
}

const entryAt = (data: Buffer, i: number): Buffer => data.subarray(i * 32, i * 32 + 32);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function elapsedMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs the scenarios in turn, RUNS rounds, so that a slow spell of the machine hits them all; medians. */
function interleaved(scenarios: (() => void)[]): number[] {
  const times = scenarios.map((): number[] => []);
  for (let r = 0; r < RUNS; r++) scenarios.forEach((fn, i) => times[i]!.push(elapsedMs(fn)));
  return times.map(median);
}

/**
 * Node hashes by level, in 32 KiB chunks of 1,024 hashes: what a node table would hold. (A slot
 * never written reads as zeros, not undefined: the proofs below are verified, which would catch it.)
 */
class FlatNodes {
  static readonly CHUNK = 1024;
  readonly #chunks = new Map<string, Buffer>();

  record = (level: number, index: number, hash: Hash): void => {
    const key = `${level}/${Math.floor(index / FlatNodes.CHUNK)}`;
    let chunk = this.#chunks.get(key);
    if (!chunk) this.#chunks.set(key, (chunk = Buffer.alloc(32 * FlatNodes.CHUNK)));
    chunk.set(hash, (index % FlatNodes.CHUNK) * 32);
  };

  hashAt: HashAt = (level, index) => {
    const chunk = this.#chunks.get(`${level}/${Math.floor(index / FlatNodes.CHUNK)}`);
    const at = (index % FlatNodes.CHUNK) * 32;
    return chunk?.subarray(at, at + 32);
  };
}

function seal(range: CompactRange, data: Buffer, count: number, nodes?: FlatNodes): Hash {
  for (let i = 0; i < count; i++) range.append(leafHash(entryAt(data, i)), nodes?.record);
  return range.root();
}

interface Row {
  name: string;
  k: number;
  ms: number;
  baseline: number;
}

async function main(): Promise<void> {
  console.log(`Merkle sealing (RFC 6962, SHA-256), median of ${RUNS} rounds, Node ${process.version}`);
  const existing = CompactRange.empty();
  const existingNodes = new FlatNodes();
  const prior = entries(EXISTING);
  seal(existing, prior, EXISTING, existingNodes);
  const checkpoint = JSON.stringify(existing.toJSON());

  const rows: Row[] = [];
  const resumed = (): CompactRange => CompactRange.fromJSON(JSON.parse(checkpoint) as CompactRangeState);
  for (const k of SIZES) {
    const data = entries(k);
    const [baseline, empty, onto, recorded] = interleaved([
      () => {
        for (let i = 0; i < k; i++) createHash('sha256').update(entryAt(data, i)).digest();
      },
      () => seal(CompactRange.empty(), data, k),
      () => seal(resumed(), data, k),
      () => seal(resumed(), data, k, new FlatNodes()),
    ]) as [number, number, number, number];
    rows.push(
      { name: 'baseline: SHA-256 of k 32-byte inputs', k, ms: baseline, baseline },
      { name: 'seal k entries into an empty tree', k, ms: empty, baseline },
      {
        name: `seal k entries onto ${EXISTING.toLocaleString('en')} (from checkpoint JSON)`,
        k,
        ms: onto,
        baseline,
      },
      { name: '  … and record every node for proofs', k, ms: recorded, baseline },
    );
  }
  console.log(
    'scenario'.padEnd(62),
    'k'.padStart(10),
    'ms'.padStart(10),
    'µs/entry'.padStart(10),
    'vs baseline'.padStart(12),
  );
  for (const row of rows) {
    console.log(
      row.name.padEnd(62),
      row.k.toLocaleString('en').padStart(10),
      row.ms.toFixed(1).padStart(10),
      ((row.ms * 1000) / row.k).toFixed(2).padStart(10),
      (row.ms / row.baseline).toFixed(2).padStart(12),
    );
  }

  // Proofs over the 1,000,000-entry tree from its stored nodes (one lookup per node read).
  const root = existing.root();
  const samples = 1000;
  let reads = 0;
  const counting: HashAt = (level, index) => {
    reads++;
    return existingNodes.hashAt(level, index);
  };
  const indexes = Array.from({ length: samples }, (_, s) => Math.floor((s * EXISTING) / samples) + (s % 7));
  const oldRoots = await Promise.all(indexes.map(async (index) => rootFrom(existingNodes.hashAt, index + 1)));
  let started = process.hrtime.bigint();
  for (const index of indexes) {
    const proof = await inclusionProofFrom(counting, index, EXISTING);
    if (!verifyInclusion(existingNodes.hashAt(0, index) as Hash, index, EXISTING, proof, root)) {
      throw new Error(`inclusion proof of ${index} does not verify`);
    }
  }
  report('inclusion', Number(process.hrtime.bigint() - started) / 1e6, reads);
  reads = 0;
  started = process.hrtime.bigint();
  for (const [i, index] of indexes.entries()) {
    const proof = await consistencyProofFrom(counting, index + 1, EXISTING);
    if (!verifyConsistency(index + 1, EXISTING, proof, oldRoots[i]!, root)) {
      throw new Error(`consistency proof ${index + 1} → ${EXISTING} does not verify`);
    }
  }
  report('consistency', Number(process.hrtime.bigint() - started) / 1e6, reads);

  function report(kind: string, ms: number, count: number): void {
    console.log(
      `${samples} ${kind} proofs at ${EXISTING.toLocaleString('en')} entries from stored nodes, made and verified: ` +
        `${ms.toFixed(0)} ms (${((ms * 1000) / samples).toFixed(0)} µs each), ${(count / samples).toFixed(1)} node reads each`,
    );
  }
}

await main();
