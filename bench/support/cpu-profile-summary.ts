import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) this summary reads. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
  /** Microseconds on the machine's monotonic clock, the one `process.hrtime` reads. */
  startTime: number;
}

/** A stretch of the monotonic clock, in microseconds: see `monotonicMicros`. */
export interface TimeWindow {
  fromUs: number;
  toUs: number;
}

/** Now, on the clock V8 stamps its profiles with (any process on the machine reads the same one). */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by where the code lives: a package, the app's own folders, Node's internals. */
  byPlace: ProfileLine[];
  /** Time with the place anywhere on the stack: what a library costs including what it calls. */
  byPlaceInclusive: ProfileLine[];
  /** Self time by function. */
  byFunction: ProfileLine[];
}

/**
 * Where a process spent its CPU, by self time: the flat view that answers "whose code is hot".
 * Idle time is left out, so shares are of the time the process was actually busy.
 */
export function summariseCpuProfile(file: string, window?: TimeWindow, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  // A window leaves out start-up (module loading, migrations) and shutdown: only the load counts.
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (!window || (at >= window.fromUs && at <= window.toUs)) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });

  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const placesOnStack = (id: number): Set<string> => {
    const found = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) found.add(placeOf(frame.url, frame.functionName));
    }
    return found;
  };

  const places = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    total += us;
    add(places, placeOf(frame.url, frame.functionName), us);
    for (const place of placesOnStack(id)) add(inclusive, place, us);
    add(functions, `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`, us);
  }
  const lines = (map: Map<string, number>): ProfileLine[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  inclusive.delete('(root)');
  return { totalMs: total / 1000, byPlace: lines(places), byPlaceInclusive: lines(inclusive), byFunction: lines(functions) };
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const table = (lines: ProfileLine[]): string =>
    lines
      .map((line) => `  ${(line.share * 100).toFixed(1).padStart(5)}%  ${line.ms.toFixed(0).padStart(7)} ms  ${line.name}`)
      .join('\n');
  return [
    `busy CPU in the profile: ${(summary.totalMs / 1000).toFixed(1)} s`,
    'self time by place:',
    table(summary.byPlace),
    'time with the place on the stack (inclusive):',
    table(summary.byPlaceInclusive),
    'self time by function:',
    table(summary.byFunction),
  ].join('\n');
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

/** `node_modules/@scope/name` or `node_modules/name`, the app's top folders, or what V8 calls it. */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node: internals';
  const app = /\/(apps\/[^/]+\/src\/[^/]+|libs\/[^/]+)\//.exec(url);
  return app ? app[1] : shortUrl(url);
}

function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(`${process.cwd()}/`, '');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile>');
  process.stdout.write(`${formatProfileSummary(summariseCpuProfile(file))}\n`);
}
