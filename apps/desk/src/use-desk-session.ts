import { newsroomClient } from '@newsroom/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isProviderAnswer, safeReturn, takePending, type PendingSignIn } from './pending-sign-in';
import { explainProblem } from './problems';
import type { ProviderOptions, SignInOptions } from './provider-sign-in';
import {
  apiBase,
  markThroughProvider,
  openSession,
  type Session,
  type SignedInThrough,
  storedToken,
  storeToken,
  throughProvider,
} from './session';
import { explainSignInFailure, notStartedHere, signedOutByExpiry, tokenNotAccepted, tokenRefused } from './sign-in-failure';
import { renewalDelayMs } from './token-expiry';
import { call } from './ui';

export interface DeskSession {
  /** `starting`: reading how to sign in, or finishing a sign-in; `leaving`: on the way to the provider. */
  phase: 'starting' | 'signed-out' | 'signed-in' | 'leaving';
  session?: Session;
  /** The ways this server offers (GET /sign-in-options); undefined when it could not be asked. */
  options?: SignInOptions;
  /** Why the person is signed out, when something went wrong or their sign-in expired. */
  message?: string;
  /** A pasted or one-click token: undefined once signed in, else why not. */
  signInWithToken(token: string): Promise<string | undefined>;
  signInWithProvider(): void;
  signOut(): void;
}

type State = Pick<DeskSession, 'phase' | 'session' | 'options' | 'message'>;

/** The provider's protocol (oauth4webapi) is loaded only where the server names a provider. */
const providerFlow = () => import('./provider-sign-in');

/**
 * Who is signed in, from the first render on: finishes a sign-in the provider sent back, reopens
 * a pasted token kept by the tab, or goes back through the provider after a reload. A provider's
 * token is renewed by another trip through the provider shortly before it ends, or as soon as
 * the API refuses it.
 */
export function useDeskSession(): DeskSession {
  // Before the first render, so that the route shown is the one the person left for the provider.
  const [answer] = useState(takeProviderAnswer);
  const [state, setState] = useState<State>({ phase: 'starting' });
  const options = useRef<SignInOptions | undefined>(undefined);
  const current = useRef<Session | undefined>(undefined);
  const renewal = useRef<number | undefined>(undefined);
  const leaving = useRef(false);

  const signedOut = (message?: string) => {
    window.clearTimeout(renewal.current);
    current.current = undefined;
    setState({ phase: 'signed-out', options: options.current, message });
  };

  const toProvider = (provider: ProviderOptions) => {
    if (leaving.current) return;
    leaving.current = true;
    setState((before) => ({ ...before, phase: 'leaving' }));
    providerFlow()
      .then(({ goToProvider }) => goToProvider(provider, safeReturn(window.location.hash)))
      .catch((error: unknown) => {
        leaving.current = false;
        markThroughProvider(false);
        signedOut(explainSignInFailure(error, provider.name));
      });
  };

  /** What an answer refusing `token` does: only while it is the token signed in (a late answer for an earlier one does nothing). */
  const refused = (through: SignedInThrough, token: string) => () => {
    if (current.current?.token !== token) return;
    const provider = options.current?.provider;
    if (through === 'provider' && provider) return toProvider(provider);
    storeToken(undefined);
    signedOut(signedOutByExpiry);
  };

  const signedIn = (session: Session, expiresIn?: number) => {
    current.current = session;
    setState({ phase: 'signed-in', session, options: options.current });
    const provider = options.current?.provider;
    if (session.through === 'provider' && provider && expiresIn !== undefined) {
      renewal.current = window.setTimeout(() => current.current === session && toProvider(provider), renewalDelayMs(expiresIn));
    }
  };

  const finishProviderSignIn = async (provider: ProviderOptions | undefined, back: ProviderAnswer) => {
    if (!provider || back.pending?.issuer !== provider.issuer) return signedOut(notStartedHere(provider?.name ?? 'the provider'));
    let token;
    try {
      token = await (await providerFlow()).redeemAnswer(provider, back.pending, back.url);
    } catch (error) {
      return signedOut(explainSignInFailure(error, provider.name));
    }
    // A 401 here must not send the person round again: the provider would give the same token.
    const opened = await openSession(token.accessToken, 'provider', refused('provider', token.accessToken));
    if (!opened.ok) return signedOut(tokenRefused(provider.name, (opened.problem as { detail?: string } | undefined)?.detail));
    markThroughProvider(true);
    signedIn(opened.session, token.expiresIn);
  };

  const reopen = async (token: string) => {
    const opened = await openSession(token, 'token', refused('token', token));
    if (opened.ok) return signedIn(opened.session);
    if (opened.status === 401) storeToken(undefined);
    signedOut(opened.status === 401 ? signedOutByExpiry : explainProblem(opened.problem).message);
  };

  useEffect(() => {
    void (async () => {
      const offered = await call(newsroomClient(apiBase()).GET('/sign-in-options'));
      options.current = offered.ok ? offered.data : undefined;
      const provider = options.current?.provider ?? undefined;
      const kept = storedToken();
      if (answer) await finishProviderSignIn(provider, answer);
      else if (kept) await reopen(kept);
      else if (provider && throughProvider()) toProvider(provider);
      else signedOut();
    })();
    return () => window.clearTimeout(renewal.current);
  }, []);

  return {
    ...state,
    signInWithToken: async (pasted) => {
      const token = pasted.trim();
      const opened = await openSession(token, 'token', refused('token', token));
      if (!opened.ok) return opened.status === 401 ? tokenNotAccepted(opened.problem) : explainProblem(opened.problem).message;
      storeToken(opened.session.token);
      signedIn(opened.session);
      return undefined;
    },
    signInWithProvider: () => {
      const provider = options.current?.provider;
      if (provider) toProvider(provider);
    },
    signOut: () => {
      storeToken(undefined);
      markThroughProvider(false);
      signedOut();
    },
  };
}

interface ProviderAnswer {
  url: URL;
  pending?: PendingSignIn;
}

/** The provider's answer in the address, if the desk is loading from one; the address is put back to the route left. */
function takeProviderAnswer(): ProviderAnswer | undefined {
  const url = new URL(window.location.href);
  if (!isProviderAnswer(url)) return undefined;
  const pending = takePending(sessionStorage);
  window.history.replaceState(null, '', `${url.pathname}${safeReturn(pending?.returnTo ?? '')}`);
  return { url, pending };
}
