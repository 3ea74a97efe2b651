/** How log lines are written: JSON lines for machines, readable lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * LOG_FORMAT when set; otherwise readable lines on a terminal and JSON lines everywhere else
 * (a pipe, a file, a container's log driver), so deployments keep their JSON without setting it.
 */
export function resolveLogFormat(setting: LogFormat | undefined, stdout: { isTTY?: boolean }): LogFormat {
  return setting ?? (stdout.isTTY === true ? 'pretty' : 'json');
}

export function parseLogFormat(value: string | undefined): LogFormat | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const format = value.trim().toLowerCase();
  if (format === 'json' || format === 'pretty') return format;
  throw new Error(`LOG_FORMAT must be "json" or "pretty", got "${value}"`);
}
