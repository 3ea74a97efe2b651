/**
 * Progress of a long run: a bar redrawn in place on a terminal, a plain line now and then
 * otherwise (CI logs, pipes).
 */
export function progressReporter(
  stream: NodeJS.WriteStream = process.stdout,
  label = 'events',
): (done: number, total: number) => void {
  const started = Date.now();
  let lastPlain = 0;
  return (done, total) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = done / seconds;
    const left = rate > 0 ? Math.max(total - done, 0) / rate : 0;
    const figures = `${done.toLocaleString('en')}/${total.toLocaleString('en')} ${label} · ${Math.round(rate).toLocaleString('en')}/s · ${left.toFixed(0)} s left`;
    if (stream.isTTY) {
      const width = 30;
      const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : width;
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${figures}   `);
      if (done >= total) stream.write('\n');
    } else if (Date.now() - lastPlain >= 1000 || done >= total) {
      lastPlain = Date.now();
      stream.write(`${figures}\n`);
    }
  };
}
