import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { describeRoles } from './roles';
import { href, parseRoute, type Route } from './route';
import { AuditScreen } from './screens/audit';
import { CorrectionsScreen } from './screens/corrections';
import { HistoryScreen } from './screens/history';
import { SignIn, SigningIn } from './screens/sign-in';
import { StoriesScreen } from './screens/stories';
import { StoryScreen } from './screens/story';
import { useDeskSession } from './use-desk-session';
import './styles.css';

function App() {
  // First: it puts the address back to the route left for the provider before the route is read.
  const desk = useDeskSession();
  const session = desk.phase === 'signed-in' ? desk.session : undefined;
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    // Each screen starts at the top with its heading focused, as a page load would.
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route, session, desk.phase]);

  return (
    <>
      <header class="top">
        <a class="brand" href={href({ screen: 'stories' })}>
          Newsroom desk
        </a>
        {session && (
          <nav aria-label="Main">
            <a href={href({ screen: 'stories' })} aria-current={route.screen === 'stories' ? 'page' : undefined}>
              Stories
            </a>
            <a href={href({ screen: 'corrections' })} aria-current={route.screen === 'corrections' ? 'page' : undefined}>
              Corrections
            </a>
            <span class="who" data-testid="who">
              {session.identity.name ?? session.identity.actor} ({describeRoles(session.identity.roles)})
            </span>
            <button type="button" class="link" onClick={desk.signOut}>
              Sign out
            </button>
          </nav>
        )}
      </header>
      <main>
        {desk.phase === 'starting' || desk.phase === 'leaving' ? (
          <SigningIn desk={desk} />
        ) : !session ? (
          <SignIn desk={desk} />
        ) : route.screen === 'story' ? (
          <StoryScreen
            key={`${route.id}@${route.revision ?? route.asOf ?? ''}`}
            session={session}
            id={route.id}
            asOfRevision={route.revision}
            asOf={route.asOf}
          />
        ) : route.screen === 'history' ? (
          <HistoryScreen key={route.id} session={session} id={route.id} />
        ) : route.screen === 'audit' ? (
          <AuditScreen key={route.id} session={session} id={route.id} />
        ) : route.screen === 'corrections' ? (
          <CorrectionsScreen session={session} />
        ) : (
          <StoriesScreen session={session} />
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
