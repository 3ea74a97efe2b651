import { PassThrough } from 'node:stream';
import { progress } from './progress';
import { formatEta, progressFigures } from './progress-figures';

/** A stream as a pipe or a CI log is (not a terminal), with what was written to it. */
function capture(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let written = '';
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  stream.isTTY = isTTY;
  stream.columns = 120;
  stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { stream, text: () => written };
}

describe('progress off a terminal', () => {
  it('prints the first figures, then a line per interval, the last figures and the summary', () => {
    const out = capture(false);
    let now = 0;
    const shown = progress({ title: 'Rebuild', stream: out.stream, everyMs: 2000, now: () => now });
    now = 1000;
    shown.update(1000, 10000);
    now = 1500;
    shown.update(1500, 10000); // within the interval: no line
    now = 3000;
    shown.update(3000, 10000);
    now = 4000;
    shown.update(10000, 10000); // done: a line even within the interval
    shown.finish('Rebuilt from 10000 events in 4.0 s, 2500 events/s');
    expect(out.text().split('\n')).toEqual([
      'Rebuild: 1000/10000 events (10%) · 1000 events/s · ETA 9s',
      'Rebuild: 3000/10000 events (30%) · 1000 events/s · ETA 7s',
      'Rebuild: 10000/10000 events (100%) · 2500 events/s · ETA 0s',
      'Rebuilt from 10000 events in 4.0 s, 2500 events/s',
      '',
    ]);
  });

  it('writes no carriage return or escape sequence, only whole lines', () => {
    const out = capture(false);
    let now = 0;
    const shown = progress({ title: 'Audit', stream: out.stream, now: () => (now += 700) });
    for (let done = 0; done <= 50; done += 5) shown.update(done, 50);
    shown.finish('3 streams, 50 events: every hash chain holds');
    expect(out.text()).not.toContain('\r');
    expect(out.text()).not.toContain('\u001b');
    expect(out.text().trim().split('\n').at(-1)).toBe('3 streams, 50 events: every hash chain holds');
    for (const line of out.text().trim().split('\n').slice(0, -1)) {
      expect(line).toMatch(/^Audit: \d+\/50 events \(\d+%\) · \d+ events\/s · ETA (\d+s|--)$/);
    }
  });

  it('prints only the summary when there was nothing to do', () => {
    const out = capture(false);
    progress({ title: 'Audit', stream: out.stream }).finish('0 streams, 0 events: every hash chain holds');
    expect(out.text()).toBe('0 streams, 0 events: every hash chain holds\n');
  });
});

describe('progress on a terminal', () => {
  it('draws a bar with done / total, rate and ETA in place, then ends with the summary on a line of its own', () => {
    const out = capture(true);
    let now = 0;
    const shown = progress({ title: 'Rebuild', stream: out.stream, now: () => now });
    now = 1000;
    shown.update(250, 1000);
    shown.finish('Rebuilt from 1000 events');
    expect(out.text()).toMatch(/Rebuild \[[█░]+\] 25% \| 250\/1000 events \| 250 events\/s \| ETA 3s/);
    expect(out.text().endsWith('\nRebuilt from 1000 events\n')).toBe(true);
  });
});

describe('progress figures', () => {
  it('rate and time left from what is done so far', () => {
    expect(progressFigures(500, 2000, 2000)).toEqual({ rate: 250, etaSeconds: 6, percent: 25 });
    expect(progressFigures(0, 2000, 0)).toEqual({ rate: 0, etaSeconds: undefined, percent: 0 });
    expect(progressFigures(0, 0, 10)).toEqual({ rate: 0, etaSeconds: 0, percent: 100 });
  });

  it('reads the time left as a person would', () => {
    expect([undefined, 0, 41.2, 65, 3725].map(formatEta)).toEqual(['--', '0s', '42s', '1m 05s', '1h 02m']);
  });
});
