import { isProviderAnswer, rememberPending, safeReturn, takePending, type PendingSignIn } from './pending-sign-in';

/** sessionStorage's interface over a Map. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const pending: PendingSignIn = {
  state: 's-1',
  codeVerifier: 'v'.repeat(43),
  issuer: 'https://sso.example.com/realms/newsroom',
  returnTo: '#/stories/6f1c',
};

describe('a sign-in on its way through the provider', () => {
  it('is read back once, then forgotten', () => {
    const storage = new MemoryStorage();
    rememberPending(storage, pending);
    expect(takePending(storage)).toEqual(pending);
    expect(takePending(storage)).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('is nothing when what was kept is not one', () => {
    const storage = new MemoryStorage();
    storage.setItem('newsroom-desk-pending-sign-in', '{"state":"s"}');
    expect(takePending(storage)).toBeUndefined();
    storage.setItem('newsroom-desk-pending-sign-in', 'not json');
    expect(takePending(storage)).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('recognises the provider’s answer: state with a code or an error', () => {
    expect(isProviderAnswer(new URL('https://n.example/desk/?code=c&state=s&iss=x'))).toBe(true);
    expect(isProviderAnswer(new URL('https://n.example/desk/?error=access_denied&state=s'))).toBe(true);
    expect(isProviderAnswer(new URL('https://n.example/desk/#/stories'))).toBe(false);
    expect(isProviderAnswer(new URL('https://n.example/desk/?code=c'))).toBe(false);
  });

  it('comes back to one of the desk’s own routes only', () => {
    expect(safeReturn('#/stories/6f1c-22/history')).toBe('#/stories/6f1c-22/history');
    expect(safeReturn('#/stories/6f1c?asOf=2026-12-06T02%3A58%3A00.000Z')).toBe(
      '#/stories/6f1c?asOf=2026-12-06T02%3A58%3A00.000Z',
    );
    expect(safeReturn('')).toBe('#/stories');
    expect(safeReturn('#<img src=x>')).toBe('#/stories');
  });
});
