import type { CycleState } from './command-cycle';
import type { Random } from './random';

export interface SoakArticle extends CycleState {
  id: string;
  /** The latest revision a 2xx answer acknowledged: every read up to it must succeed. */
  revision: number;
  /**
   * A command on it got no answer or an unexpected one: whether it applied is unknown, so the
   * next step of the cycle might not be valid any more. It is read but no longer edited.
   */
  unknown: boolean;
}

/**
 * The articles under load. An article is handed to one connection at a time for a command (its
 * commands never race, so each finds the state the previous one left and stays valid), idle ones
 * oldest first, which spreads the edits evenly. Reads take any article, busy or not: the revision
 * acknowledged so far is safe to read whatever is in flight.
 */
export class ArticlePool {
  readonly articles: SoakArticle[] = [];
  private readonly idle: SoakArticle[] = [];

  add(id: string, revision: number): void {
    const article: SoakArticle = { id, revision, unknown: false, step: 0, cycles: 0, headlines: 0 };
    this.articles.push(article);
    this.idle.push(article);
  }

  /** An article no other connection is editing, or none when every one is busy. */
  checkout(): SoakArticle | undefined {
    return this.idle.shift();
  }

  release(article: SoakArticle): void {
    if (!article.unknown) this.idle.push(article);
  }

  any(random: Random): SoakArticle {
    return random.pick(this.articles);
  }
}
