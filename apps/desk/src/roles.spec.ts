import { can } from './roles';
import { asOfFromLocalInput, href, parseRoute } from './route';

describe('role rules', () => {
  it('hides publishing from reporters and every edit from auditors', () => {
    expect(can(['reporter'], 'publish')).toBe(false);
    expect(can(['reporter'], 'edit', 'draft')).toBe(true);
    expect(can(['reporter'], 'edit', 'published')).toBe(false);
    expect(can(['editor'], 'edit', 'published')).toBe(true);
    expect(can(['editor'], 'publish')).toBe(true);
    for (const action of ['create', 'edit', 'publish', 'withdraw', 'restore', 'revert'] as const)
      expect(can(['auditor'], action, 'draft')).toBe(false);
    expect(can(['auditor'], 'audit')).toBe(true);
    expect(can(['reporter'], 'audit')).toBe(false);
  });
});

describe('the story as of a time', () => {
  it('reads a datetime-local value on the editor’s clock as an RFC 3339 moment, and routes to it', () => {
    const asOf = asOfFromLocalInput('2026-12-06T10:42');
    expect(asOf).toBe(new Date(2026, 11, 6, 10, 42).toISOString());
    expect(asOfFromLocalInput('')).toBeUndefined();
    expect(asOfFromLocalInput('yesterday')).toBeUndefined();
    const route = { screen: 'story', id: 'abc', asOf: asOf! } as const;
    expect(parseRoute(href(route))).toEqual(route);
    expect(parseRoute('#/stories/abc?revision=3')).toEqual({ screen: 'story', id: 'abc', revision: 3 });
  });
});
