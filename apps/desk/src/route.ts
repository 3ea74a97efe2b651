/** Hash routes, so that any static server (and the API's /desk/ fallback) serves every screen. */
export type Route =
  | { screen: 'stories' }
  | { screen: 'story'; id: string; revision?: number; asOf?: string }
  | { screen: 'history'; id: string }
  | { screen: 'audit'; id: string }
  | { screen: 'corrections' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const [pathname, query = ''] = path.split('?');
  const parts = pathname.split('/').filter(Boolean);
  const params = new URLSearchParams(query);
  if (parts[0] === 'stories' && parts[1]) {
    if (parts[2] === 'history') return { screen: 'history', id: parts[1] };
    if (parts[2] === 'audit') return { screen: 'audit', id: parts[1] };
    const revision = Number(params.get('revision'));
    const asOf = params.get('asOf');
    return {
      screen: 'story',
      id: parts[1],
      ...(Number.isInteger(revision) && revision > 0 ? { revision } : asOf ? { asOf } : {}),
    };
  }
  if (parts[0] === 'corrections') return { screen: 'corrections' };
  return { screen: 'stories' };
}

export function href(route: Route): string {
  switch (route.screen) {
    case 'stories':
      return '#/stories';
    case 'corrections':
      return '#/corrections';
    case 'story':
      return `#/stories/${route.id}${
        route.revision ? `?revision=${route.revision}` : route.asOf ? `?asOf=${encodeURIComponent(route.asOf)}` : ''
      }`;
    case 'history':
      return `#/stories/${route.id}/history`;
    case 'audit':
      return `#/stories/${route.id}/audit`;
  }
}

/** A datetime-local input's value (the editor's own clock, to the minute) as the RFC 3339 moment asOf takes. */
export function asOfFromLocalInput(value: string): string | undefined {
  const moment = new Date(value);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(moment.getTime()) ? moment.toISOString() : undefined;
}
