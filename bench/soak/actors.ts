import { issueToken } from '../../apps/newsroom-api/src/auth/token-issuer';
import type { Random } from './random';

export interface Actor {
  id: string;
  authorization: string;
}

/**
 * A desk of distinct people, as in a newsroom: editors run the edit cycle (it publishes and
 * withdraws, which reporters may not), reporters file new stories, auditors only read. Every
 * event records its actor, so the log's keys are checked per actor as the store scopes them.
 */
export interface Desk {
  editors: Actor[];
  reporters: Actor[];
  auditors: Actor[];
  everyone: Actor[];
}

export async function hireDesk(jwtSecret: string): Promise<Desk> {
  const hire = (role: 'editor' | 'reporter' | 'auditor', count: number): Promise<Actor[]> =>
    Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const id = `soak-${role}-${i}`;
        // Longer than any soak: a token expiring mid-run would show up as 401s.
        const token = await issueToken(jwtSecret, { sub: id, roles: [role], expiresIn: '24h' });
        return { id, authorization: `Bearer ${token}` };
      }),
    );
  const [editors, reporters, auditors] = await Promise.all([hire('editor', 8), hire('reporter', 4), hire('auditor', 4)]);
  return { editors, reporters, auditors, everyone: [...editors, ...reporters, ...auditors] };
}

/** Someone allowed to read the raw log and the audit (auditor or editor). */
export function auditorOrEditor(desk: Desk, random: Random): Actor {
  return random.chance(0.5) ? random.pick(desk.auditors) : random.pick(desk.editors);
}
