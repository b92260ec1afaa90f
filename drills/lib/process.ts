/**
 * Process control for the drills: the built server in its own process (restartable on the same
 * port and data, killable at any moment), seeded randomness and sleeping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { waitUntilHealthy } from '../../bench/lib';

/** Mulberry32: seeded, so a run's kill moments can be replayed. */
export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the workers wait on before each request: the server being up (after a restart). */
export interface Gate {
  up(): Promise<void>;
}

/** Always open: requests go through a load balancer that stays up while instances restart. */
export const OPEN_GATE: Gate = { up: () => Promise.resolve() };

/** The built server in its own process, restartable on the same port and data. */
export class ServerProcess implements Gate {
  child: ChildProcess | null = null;
  readonly address: string;
  private readonly log;
  /** Resolves while the server is up; replaced when it goes down. */
  private upGate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => {};
  starts = 0;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {
    this.address = `http://127.0.0.1:${port}`;
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  /** Waits until the server answers (after a restart). */
  async up(): Promise<void> {
    await this.upGate;
  }

  /** The process id of the running server (job_runs names an instance by host and pid). */
  get pid(): number {
    return this.child!.pid!;
  }

  async start(): Promise<number> {
    const started = performance.now();
    const child = spawn(process.execPath, ['apps/server/dist/main.js'], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        WEB_DIR: 'none',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.starts += 1;
    this.log.write(`\n--- start ${this.starts} (pid ${child.pid}) ---\n`);
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    this.child = child;
    try {
      await waitUntilHealthy(this.address, child, 60_000);
    } catch (error) {
      throw new Error(`${(error as Error).message} (see ${this.logFile})`);
    }
    this.openGate();
    return performance.now() - started;
  }

  private closeGate() {
    this.upGate = new Promise((resolve) => (this.openGate = resolve));
  }

  async kill(): Promise<void> {
    const child = this.child!;
    this.closeGate();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM; resolves with the exit code and how long the shutdown took. */
  async terminate(): Promise<{ code: number | null; ms: number }> {
    const child = this.child!;
    this.closeGate();
    const started = performance.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    return { code, ms: performance.now() - started };
  }

  /** Ends the process if it still runs (a drill that failed half-way), and the log. */
  close() {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      this.child.kill('SIGKILL');
    this.log.end();
  }
}
