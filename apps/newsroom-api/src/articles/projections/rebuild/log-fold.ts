import { type Article, emptyArticle } from '@newsroom/articles';
import type { SnapshotEvent } from '@newsroom/event-store';
import { snapshotArticleEvent } from '../../article-stream';
import { type ArticleRow, emptyRows, type ReadModelRows, rowsFor, type TermsRow } from '../read-model-rows';
import { runsByArticle } from './article-runs';

/**
 * Folds the whole log, read batch by batch in (stream, revision) order, into read-model rows
 * with `rowsFor`, the live projection's own fold. Revisions and corrections are final as soon as
 * they are folded; an article's row and its terms only once its stream has ended, which may be
 * batches later. So each article's rows are produced exactly once, and the rows can go in by plain COPY.
 */
export class LogFold {
  /** The article whose stream the last batch ended in: the next batch may go on with it. */
  private open?: OpenArticle;

  /** The rows of `batch`, except the row of the article still open at its end. */
  fold(batch: readonly SnapshotEvent[]): ReadModelRows {
    const rows = emptyRows();
    for (const run of runsByArticle(batch)) {
      const continues = this.open?.id === run.articleId;
      if (this.open && !continues) close(this.open, rows);
      const before = continues && this.open ? this.open.article : emptyArticle(run.articleId);
      const heldTerms = continues ? this.open?.terms : undefined;
      const article = rowsFor(before, run.events.map(snapshotArticleEvent), run.events, rows);
      // rowsFor adds the article's row, and its terms when these events wrote some, after its
      // revisions: hold them back until the stream ends, the latest terms replacing earlier ones.
      const terms = rows.terms.at(-1)?.article_id === run.articleId ? rows.terms.pop() : heldTerms;
      this.open = { id: run.articleId, article, row: rows.articles.pop() as ArticleRow, terms };
    }
    return rows;
  }

  /** The rows still held back once the log has been read to its end. */
  finish(): ReadModelRows {
    const rows = emptyRows();
    if (this.open) close(this.open, rows);
    this.open = undefined;
    return rows;
  }
}

interface OpenArticle {
  id: string;
  article: Article;
  row: ArticleRow;
  terms?: TermsRow;
}

function close(open: OpenArticle, rows: ReadModelRows): void {
  rows.articles.push(open.row);
  if (open.terms) rows.terms.push(open.terms);
}
