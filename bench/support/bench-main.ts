/** Progress lines on stderr, tagged with the benchmark's name; stdout keeps the results. */
export function benchLogger(name: string): (message: string) => void {
  return (message) => void process.stderr.write(`[${name}] ${message}\n`);
}

/** Runs a benchmark's main: a failure is printed with its stack and fails the process. */
export function runBench(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`[${name}] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
