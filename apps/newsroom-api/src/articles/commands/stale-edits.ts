import { Injectable } from '@nestjs/common';
import { type Article, type ArticleCommand, type ContentField, decideStale, mergesWhenStale } from '@newsroom/articles';
import { FieldChangeIndex } from '../field-change-index';
import { ArticleHistory, type RevisionEntry } from '../queries/article-history';
import { ArticleReader } from '../queries/article-reader';
import type { CommandEnvelope } from './command-envelope';
import { editConflict } from './edit-conflict';
import { preconditionFailed } from './preconditions';

/** A conflict names at most this many revisions: the newest, who changed the text last. */
const NAMED_AT_MOST = 20;

/**
 * If-Match, with merging: an edit whose If-Match names an older revision still applies when
 * nothing it touches changed since (the domain's `decideStale` judges, on the article then and
 * now). Then the command is decided on the current state as usual; the caller appends at the
 * current revision, so two merges at once still serialise through the expected-revision check.
 */
@Injectable()
export class StaleEdits {
  constructor(
    private readonly fieldChanges: FieldChangeIndex,
    private readonly reader: ArticleReader,
    private readonly history: ArticleHistory,
  ) {}

  /**
   * Nothing when If-Match holds (or is absent); the revision the command merges from when it is
   * stale but touches nothing changed since; otherwise throws the 412.
   */
  async mergeBase(envelope: CommandEnvelope, command: ArticleCommand, article: Article): Promise<number | undefined> {
    const { ifMatch } = envelope;
    if (article.revision === 0 || !ifMatch || ifMatch.any || ifMatch.revisions.includes(article.revision)) return undefined;
    const seen = oldestPassed(ifMatch.revisions, article.revision);
    if (seen === undefined || !mergesWhenStale(command)) throw preconditionFailed(article.revision, ifMatch.revisions);
    const verdict = decideStale(command, await this.reader.atRevision(article.id, seen), article);
    if (verdict.kind === 'merge') return seen;
    const changes = await this.changesTouching(article, seen, verdict.fields);
    throw editConflict({ current: article.revision, named: ifMatch.revisions, seen, fields: verdict.fields, changes });
  }

  /** Who changed those fields after `seen`: found in the field-change index, named from the history rows. */
  private async changesTouching(article: Article, seen: number, fields: ContentField[]): Promise<RevisionEntry[]> {
    const touching = await this.fieldChanges.revisionsTouching(article.id, fields, seen, article.revision);
    const revisions = touching.slice(-NAMED_AT_MOST);
    return revisions.length === 0 ? [] : this.history.entriesAt(article.id, revisions);
  }
}

/**
 * The oldest revision If-Match named that the article has since passed. Merging from it is safe
 * for every revision named: what did not change since the oldest did not change since the others.
 * Revisions beyond the current one name nothing the article had.
 */
function oldestPassed(named: readonly number[], current: number): number | undefined {
  const passed = named.filter((revision) => revision >= 1 && revision < current);
  return passed.length === 0 ? undefined : Math.min(...passed);
}
