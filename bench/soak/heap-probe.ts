import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';

/**
 * For diagnosis (BENCH_HEAP_PROBE=1): preloaded into the API, it answers a message on the IPC
 * channel with a full garbage collection and then `process.memoryUsage()`. RSS alone cannot tell
 * a leak from a heap still growing to its working size; the live heap after a full GC can.
 * Not a signal: the API's shutdown hooks (Nest's `enableShutdownHooks()`) take SIGUSR2 and the
 * like as a request to stop. Plain JavaScript, so that the API holds no TypeScript compiler.
 */
const PROBE_SOURCE = `
process.on('message', (message) => {
  if (message !== 'heap-probe') return;
  global.gc();
  process.send({ heapProbe: process.memoryUsage() });
});
`;
const ANSWER_TIMEOUT_MS = 10_000;

export interface HeapReading {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export class HeapProbe {
  private readonly preload: string;
  private child?: ChildProcess;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.preload = resolve(join(dir, 'heap-probe.js'));
    writeFileSync(this.preload, PROBE_SOURCE);
  }

  /** Node flags for the API: the probe needs `gc()`. */
  get nodeArgs(): string[] {
    return ['--expose-gc', '-r', this.preload];
  }

  attach(child: ChildProcess): void {
    this.child = child;
  }

  /** Asks the API for a reading and waits for it (a full GC of a few hundred MiB takes a moment). */
  read(): Promise<HeapReading | undefined> {
    const child = this.child;
    if (!child?.send) return Promise.resolve(undefined);
    return new Promise((answer) => {
      const timer = setTimeout(() => finish(undefined), ANSWER_TIMEOUT_MS);
      const listen = (message: { heapProbe?: HeapReading }): void => {
        if (message.heapProbe) finish(message.heapProbe);
      };
      const finish = (reading: HeapReading | undefined): void => {
        clearTimeout(timer);
        child.off('message', listen);
        answer(reading);
      };
      child.on('message', listen);
      child.send('heap-probe');
    });
  }
}
