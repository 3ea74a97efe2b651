import type { Article } from '@newsroom/articles';
import type { ArticleReader } from './article-reader';

/** Which state of an article a read asks for: ?revision=N, ?asOf=<time>, or neither (the current one). */
export interface ArticleAt {
  revision?: number;
  asOf?: string;
}

/** The article as GET /articles/{id} and its exports read it. */
export function articleAt(reader: ArticleReader, id: string, { revision, asOf }: ArticleAt): Promise<Article> {
  if (revision !== undefined) return reader.atRevision(id, revision);
  if (asOf !== undefined) return reader.asOf(id, momentOf(asOf));
  return reader.current(id);
}

/**
 * asOf passed the contract: RFC 3339, on a day its month has. A leap second (23:59:60, RFC 3339
 * §5.7) is a moment Date cannot hold; it is read as the last millisecond of its minute, so the
 * article is shown with everything recorded before that minute ended.
 */
function momentOf(asOf: string): Date {
  const leap = /^(.*[Tt]\d\d:\d\d:)60(?:\.\d+)?(.*)$/.exec(asOf);
  return leap ? new Date(new Date(`${leap[1]}59${leap[2]}`).getTime() + 999) : new Date(asOf);
}
