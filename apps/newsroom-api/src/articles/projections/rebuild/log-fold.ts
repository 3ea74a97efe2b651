import { type Article, emptyArticle } from '@newsroom/articles';
import type { RecordedEvent } from '@newsroom/event-store';
import { toArticleEvent } from '../../article-stream';
import { type ArticleRow, emptyRows, type ReadModelRows, rowsFor } from '../read-model-rows';
import { runsByArticle } from './article-runs';

/**
 * Folds the whole log, read batch by batch in (stream, revision) order, into read-model rows
 * with `rowsFor`, the live projection's own fold. Revisions and corrections are final as soon as
 * they are folded; an article's row only once its stream has ended, which may be batches later.
 * So each article row is produced exactly once, and the rows can go in by plain COPY.
 */
export class LogFold {
  /** The article whose stream the last batch ended in: the next batch may go on with it. */
  private open?: { id: string; article: Article; row: ArticleRow };

  /** The rows of `batch`, except the row of the article still open at its end. */
  fold(batch: readonly RecordedEvent[]): ReadModelRows {
    const rows = emptyRows();
    for (const run of runsByArticle(batch)) {
      const continues = this.open?.id === run.articleId;
      if (this.open && !continues) rows.articles.push(this.open.row);
      const before = continues && this.open ? this.open.article : emptyArticle(run.articleId);
      const article = rowsFor(before, run.events.map(toArticleEvent), run.events, rows);
      // rowsFor adds the article's row after its revisions; hold it back until the stream ends.
      this.open = { id: run.articleId, article, row: rows.articles.pop() as ArticleRow };
    }
    return rows;
  }

  /** The rows still held back once the log has been read to its end. */
  finish(): ReadModelRows {
    const rows = emptyRows();
    if (this.open) rows.articles.push(this.open.row);
    this.open = undefined;
    return rows;
  }
}
