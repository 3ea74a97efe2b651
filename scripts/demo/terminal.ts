/** How the demo writes: colour and strike-through on a terminal, plain markers elsewhere. */
export interface Terminal {
  line(text?: string): void;
  request(method: string, path: string, note?: string): void;
  answer(status: number, summary: string): void;
  deleted(text: string): string;
  inserted(text: string): string;
  dim(text: string): string;
}

export function terminal(stream: NodeJS.WriteStream = process.stdout, colour = stream.isTTY === true): Terminal {
  const paint = (code: string, text: string) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  return {
    line: (text = '') => stream.write(`${text}\n`),
    request: (method, path, note) => stream.write(`\n${paint('1', `${method} ${path}`)}${note ? paint('2', `  ${note}`) : ''}\n`),
    answer: (status, summary) => stream.write(`  → ${paint(status < 300 ? '32' : '31', String(status))} ${summary}\n`),
    deleted: (text) => (colour ? `\x1b[9;31m${text}\x1b[0m` : `[-${text}-]`),
    inserted: (text) => (colour ? `\x1b[32m${text}\x1b[0m` : `{+${text}+}`),
    dim: (text) => paint('2', text),
  };
}
