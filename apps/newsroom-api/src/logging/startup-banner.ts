/** What the start-up banner names. */
export interface BannerFacts {
  port: number;
  /** The connection string in use (its password is never printed). */
  databaseUrl: string;
  /** Set on the embedded default: the cluster's data directory. */
  embeddedDataDir?: string;
  /** The desk's one-click sign-in (POST /local-sign-in) is mounted. */
  localSignIn: boolean;
  /** An editor token for local use, when the API generated the secret itself. */
  editorToken?: string;
  /** Framed and in bold, for a terminal. */
  decorate: boolean;
  colour: boolean;
}

const RULE = '─'.repeat(72);

/**
 * The lines a person needs once the API is up, printed after everything else at start-up. Its first
 * line is also read by programs (test/support/api-process.ts, the demo): keep its wording.
 */
export function startupBanner(facts: BannerFacts): string {
  const base = `http://localhost:${facts.port}`;
  const bold = (text: string) => (facts.colour ? `\u001b[1m${text}\u001b[22m` : text);
  const lines = [
    bold(`Newsroom API listening on ${base} (docs at /docs)`),
    '',
    `  API       ${base}`,
    `  Docs      ${base}/docs`,
    `  Desk      ${base}/desk/${facts.localSignIn ? ' (one-click sign-in: this is the embedded default)' : ''}`,
    `  Database  ${describeDatabase(facts.databaseUrl, facts.embeddedDataDir)}`,
    '',
  ];
  if (facts.editorToken) lines.push(bold('  Editor token for local use (12 h):'), `  ${facts.editorToken}`, '');
  // Without a generated secret, the token script needs the API's own JWT_SECRET.
  const command = `${facts.editorToken ? '' : 'JWT_SECRET=… '}npm run token -- --sub alice --roles reporter`;
  lines.push(
    `  ${facts.editorToken ? 'Other tokens' : 'Tokens'}: ${command}  (roles: reporter, editor, auditor, legal; comma-separated)`,
  );
  const framed = facts.decorate ? ['', bold(RULE), ...lines, bold(RULE)] : lines;
  return `${framed.join('\n')}\n`;
}

/** The database in use, without its password or query (which may hold one). */
export function describeDatabase(url: string, embeddedDataDir?: string): string {
  const where = withoutSecrets(url);
  return embeddedDataDir ? `embedded PostgreSQL, data in ${embeddedDataDir} (${where})` : `DATABASE_URL ${where}`;
}

function withoutSecrets(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${parsed.username}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return '(a connection string that is not a URL)';
  }
}
