import { useState } from 'preact/hooks';
import { explainProblem } from '../problems';
import type { Role } from '../roles';
import { apiBase, sessionOf, type Session } from '../session';
import { newsroomClient } from '@newsroom/api-client';
import { call, ErrorBox } from '../ui';

export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const oneClick = async (role: Role) => {
    setBusy(true);
    setError(undefined);
    const result = await call(newsroomClient(apiBase()).POST('/local-sign-in', { body: { role } }));
    setBusy(false);
    if (!result.ok) {
      setError(
        result.status === 404
          ? 'One-click sign-in is only offered by a newsroom server running on this computer. Paste a token instead.'
          : explainProblem(result.problem).message,
      );
      return;
    }
    const session = sessionOf(result.data.token);
    if (session) onSignedIn(session);
    else setError('The server answered with a token the desk cannot read.');
  };

  const paste = (event: Event) => {
    event.preventDefault();
    const session = sessionOf(token);
    if (!session) setError('That does not look like a newsroom token (it should be three parts separated by dots).');
    else onSignedIn(session);
  };

  return (
    <section class="sign-in">
      <h1 tabIndex={-1}>Sign in to the desk</h1>
      <div class="panel">
        <h2>On this computer</h2>
        <p>One click signs you in with a local account.</p>
        <div class="buttons">
          {(['editor', 'reporter', 'auditor'] as const).map((role) => (
            <button type="button" key={role} disabled={busy} onClick={() => oneClick(role)}>
              Sign in as {role}
            </button>
          ))}
        </div>
      </div>
      <form class="panel" onSubmit={paste}>
        <h2>With a token</h2>
        <label for="token">Access token</label>
        <textarea id="token" rows={4} value={token} onInput={(e) => setToken(e.currentTarget.value)} spellcheck={false} />
        <p class="hint">The token is kept only in this browser tab and is forgotten when you close it.</p>
        <button type="submit" disabled={!token.trim()}>
          Sign in
        </button>
      </form>
      {error && <ErrorBox message={error} />}
    </section>
  );
}
