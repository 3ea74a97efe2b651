/** The article streams of the log: `article-<id>`. */
export const ARTICLE_STREAMS = 'article-';

/** One article's consecutive events within a batch. */
export interface ArticleRun<Event> {
  articleId: string;
  events: Event[];
}

/**
 * Splits events read in (stream, revision) order into one run per article. Only the first and
 * the last run of a batch can be part of a stream that goes on in a neighbouring batch.
 */
export function runsByArticle<Event extends { streamId: string }>(events: readonly Event[]): Array<ArticleRun<Event>> {
  const runs: Array<ArticleRun<Event>> = [];
  let last: ArticleRun<Event> | undefined;
  let lastStream: string | undefined;
  for (const event of events) {
    if (last && event.streamId === lastStream) {
      last.events.push(event);
      continue;
    }
    last = { articleId: event.streamId.slice(ARTICLE_STREAMS.length), events: [event] };
    lastStream = event.streamId;
    runs.push(last);
  }
  return runs;
}
