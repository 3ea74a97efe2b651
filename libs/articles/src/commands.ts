import type { NoticeKind } from './article';

/** What editors ask for. Ids and time never come from inside the domain: the caller passes them. */

export interface CategoryInput {
  label: string;
  code?: string;
}

export interface CreateArticle {
  type: 'CreateArticle';
  headline?: string | null;
  byline?: string | null;
  dateline?: string | null;
  /** The story as text: blocks are split on blank lines (see `importText`). */
  body: string;
  categories?: CategoryInput[];
}

export interface ChangeHeadline {
  type: 'ChangeHeadline';
  headline: string;
}

export interface FindAndReplace {
  find: string;
  replace: string;
  blockId?: string;
  /** 1-based; required when `find` matches more than once. */
  occurrence?: number;
  notice?: string;
  noticeKind?: NoticeKind;
}

export interface FixAttribution extends FindAndReplace {
  type: 'FixAttribution';
}

export interface CorrectText extends FindAndReplace {
  type: 'CorrectText';
}

export interface AddCategory extends CategoryInput {
  type: 'AddCategory';
}

export interface RemoveCategory {
  type: 'RemoveCategory';
  slug: string;
}

export interface PublishArticle {
  type: 'PublishArticle';
}

export interface WithdrawArticle {
  type: 'WithdrawArticle';
}

export interface RestoreArticle {
  type: 'RestoreArticle';
  revision: number;
}

export interface RevertChange {
  type: 'RevertChange';
  revision: number;
}

export type ArticleCommand =
  | CreateArticle
  | ChangeHeadline
  | FixAttribution
  | CorrectText
  | AddCategory
  | RemoveCategory
  | PublishArticle
  | WithdrawArticle
  | RestoreArticle
  | RevertChange;

/** `legal` redacts passages on a legal authority and reads the raw log and the audit; it edits nothing. */
export type Role = 'reporter' | 'editor' | 'auditor' | 'legal';

/** Who asks: the decision depends on it (reporters may not edit published articles). */
export interface Actor {
  id: string;
  roles: readonly Role[];
}
