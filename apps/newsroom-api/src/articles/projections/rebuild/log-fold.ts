import { emptyArticle } from '@newsroom/articles';
import type { SnapshotEvent } from '@newsroom/event-store';
import { snapshotArticleEvent } from '../../article-stream';
import { ArticleRows, type RowSink } from '../read-model-rows';
import { ARTICLE_STREAMS } from './article-runs';

/**
 * Folds the whole log, read event by event in (stream, revision) order, into read-model rows
 * with ArticleRows, the live projection's own fold. Revisions and corrections are final as soon
 * as they are folded; an article's row and its terms only once its stream has ended, which may be
 * batches later. So each article's rows are produced exactly once, and the rows can go in by plain COPY.
 */
export class LogFold {
  /** The article whose stream the last event belongs to: the next event may go on with it. */
  private open?: { streamId: string; rows: ArticleRows };

  /** Folds one event, putting its rows, and those of the article whose stream it ends, into `into`. */
  add(event: SnapshotEvent, into: RowSink): void {
    if (this.open?.streamId !== event.streamId) {
      this.open?.rows.close(into);
      const article = emptyArticle(event.streamId.slice(ARTICLE_STREAMS.length));
      this.open = { streamId: event.streamId, rows: new ArticleRows(article) };
    }
    this.open.rows.add(snapshotArticleEvent(event), event, into);
  }

  /** The rows still held back once the log has been read to its end. */
  finish(into: RowSink): void {
    this.open?.rows.close(into);
    this.open = undefined;
  }
}
