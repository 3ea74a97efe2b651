import { Feed } from 'feed';
import type { CorrectionEntry } from '../articles/queries/corrections-feed';
import { nameBasedUuid } from './name-based-uuid';

export const ATOM_MEDIA_TYPE = 'application/atom+xml';

/** Where the feed lives: absolute links are built on `origin`; `query` is the page's own (limit, cursor). */
export interface FeedPlace {
  origin: string;
  query?: string;
}

export const FEED_PATH = '/corrections.atom';
const FEED_TITLE = 'Corrections';
const FEED_SUBTITLE = 'Public correction notices across the newsroom’s articles, newest first.';
const PUBLISHER = 'Newsroom';

/** What a reader sees for each kind of notice (API.md: noticeKind). */
const KIND_LABELS: Record<string, string> = {
  correction: 'Correction',
  clarification: 'Clarification',
  'editors-note': 'Editor’s note',
  update: 'Update',
};

/**
 * The public corrections feed as an Atom 1.0 document (RFC 4287), one entry per notice: its id a
 * name-based UUID of the article and the revision that published the notice (stable whatever
 * the host), its title the headline at that revision, the notice as its summary, a link to the
 * article. A feed entry carries what the notice itself shows, never an editor's reason or an
 * actor id. An empty feed says it was last updated at the epoch: it never changed.
 */
export function correctionsAtom(entries: readonly CorrectionEntry[], place: FeedPlace): string {
  const feed = new Feed({
    id: `${place.origin}${FEED_PATH}`,
    title: FEED_TITLE,
    description: FEED_SUBTITLE,
    updated: new Date(entries[0]?.recordedAt ?? 0),
    feedLinks: { atom: `${place.origin}${FEED_PATH}${place.query ? `?${place.query}` : ''}` },
    author: { name: PUBLISHER },
  });
  for (const entry of entries) {
    const kind = KIND_LABELS[entry.kind] ?? entry.kind;
    const at = new Date(entry.recordedAt);
    feed.addItem({
      id: `urn:uuid:${nameBasedUuid(entry.articleId, `correction/${entry.revision}`)}`,
      title: asHtml(entry.headline ?? kind),
      link: `${place.origin}/articles/${entry.articleId}`,
      date: at,
      published: at,
      description: asHtml(entry.text),
      category: [{ term: entry.kind, name: kind }],
    });
  }
  return feed.atom1();
}

/**
 * The library writes titles and summaries as `type="html"`, which a reader parses as HTML: text
 * is escaped so that a headline with `<` or `&` reads as written (and `]]>` cannot end the CDATA
 * section around it).
 */
function asHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
