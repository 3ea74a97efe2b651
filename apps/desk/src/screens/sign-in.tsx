import { newsroomClient } from '@newsroom/api-client';
import { useState } from 'preact/hooks';
import { explainProblem } from '../problems';
import type { Role } from '../roles';
import { apiBase } from '../session';
import { call, ErrorBox, Loading } from '../ui';
import type { DeskSession } from '../use-desk-session';

/** The ways in that this server offers: its identity provider, one click on this machine, a pasted token. */
export function SignIn({ desk }: { desk: DeskSession }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { options } = desk;
  const provider = options?.provider;

  const withToken = async (obtain: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(undefined);
    const failure = await obtain();
    setBusy(false);
    if (failure) setError(failure);
  };

  const oneClick = (role: Role) =>
    withToken(async () => {
      const result = await call(newsroomClient(apiBase()).POST('/local-sign-in', { body: { role } }));
      return result.ok ? desk.signInWithToken(result.data.token) : explainProblem(result.problem).message;
    });

  const paste = (event: Event) => {
    event.preventDefault();
    void withToken(() => desk.signInWithToken(token));
  };

  return (
    <section class="sign-in">
      <h1 tabIndex={-1}>Sign in to the desk</h1>
      {desk.message && <ErrorBox message={desk.message} />}
      {provider && (
        <div class="panel">
          <h2>With your newsroom account</h2>
          <p>You sign in on {provider.name}’s page and come straight back here.</p>
          <div class="buttons">
            <button type="button" class="primary" disabled={busy} onClick={desk.signInWithProvider}>
              Sign in with {provider.name}
            </button>
          </div>
        </div>
      )}
      {options?.localSignIn && (
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
      )}
      <form class="panel" onSubmit={paste}>
        <h2>With a token</h2>
        <label for="token">Access token</label>
        <textarea id="token" rows={4} value={token} onInput={(e) => setToken(e.currentTarget.value)} spellcheck={false} />
        <p class="hint">The token is kept only in this browser tab and is forgotten when you close it.</p>
        <button type="submit" disabled={busy || !token.trim()}>
          Sign in
        </button>
      </form>
      {error && <ErrorBox message={error} />}
    </section>
  );
}

/** While the desk finishes a sign-in, or is on its way to the provider's page. */
export function SigningIn({ desk }: { desk: DeskSession }) {
  const provider = desk.options?.provider;
  return (
    <section class="sign-in">
      <h1 tabIndex={-1}>Signing in</h1>
      {desk.phase === 'leaving' && provider ? (
        <p aria-live="polite">Taking you to {provider.name} to sign in…</p>
      ) : (
        <Loading what="your sign-in" />
      )}
    </section>
  );
}
