import type { Article } from './article';
import type { Actor, AddCategory, ArticleCommand, ChangeHeadline, RemoveCategory } from './commands';
import { decideCreate } from './decide-create';
import { ArticleError } from './errors';
import type { ArticleEvent } from './events';
import type { ArticlePast } from './past';
import { decideRestore } from './restore';
import { decideRevert } from './revert';
import { slugify } from './slug';
import { decideTextEdit } from './text-edit';
import { cleanLine, publishedWithoutHeadline } from './rules';

/** What a decision needs besides the command and the state. */
export interface DecisionContext {
  actor: Actor;
  /** What `pastNeededBy` asked the caller to read: needed by `RestoreArticle` and `RevertChange`. */
  past?: ArticlePast;
}

/**
 * The one event a command appends to the article's stream, or `null` when it would change nothing
 * (the caller then appends nothing). Refusals throw an `ArticleError`. Roles for publish, withdraw,
 * restore and revert are the HTTP layer's business; only the published-article lock is decided here,
 * because it depends on the article's state.
 */
export function decide(command: ArticleCommand, state: Article, context: DecisionContext): ArticleEvent | null {
  if (command.type === 'CreateArticle') return decideCreate(command, state);
  if (state.revision === 0) throw new ArticleError('ArticleNotFound', `Article ${state.id} does not exist`);
  switch (command.type) {
    case 'ChangeHeadline':
      return changeHeadline(command, editable(state, context));
    case 'FixAttribution':
      return decideTextEdit('AttributionFixed', command, editable(state, context));
    case 'CorrectText':
      return decideTextEdit('TextCorrected', command, editable(state, context));
    case 'AddCategory':
      return addCategory(command, editable(state, context));
    case 'RemoveCategory':
      return removeCategory(command, editable(state, context));
    case 'PublishArticle':
      return publish(state);
    case 'WithdrawArticle':
      return withdraw(state);
    case 'RestoreArticle':
      return decideRestore(command, state, context.past?.articleAt, context.past?.typeAt);
    case 'RevertChange':
      return decideRevert(command, state, context.past?.revertOf);
    default:
      return unknownCommand(command);
  }
}

/** Reporters may not edit a published story: corrections to live copy go through an editor. */
function editable(state: Article, { actor }: DecisionContext): Article {
  if (state.status === 'published' && !actor.roles.includes('editor')) {
    throw new ArticleError('PublishedArticleLocked', 'The article is published: only an editor may edit it');
  }
  return state;
}

function changeHeadline(command: ChangeHeadline, state: Article): ArticleEvent | null {
  const headline = cleanLine(command.headline);
  if (headline === null) throw new ArticleError('HeadlineRequired', 'A headline cannot be blank');
  if (headline === state.headline) return null;
  return { type: 'HeadlineChanged', data: { before: state.headline, after: headline } };
}

function addCategory(command: AddCategory, state: Article): ArticleEvent | null {
  const slug = slugify(command.label);
  if (state.categories.some((category) => category.slug === slug)) return null;
  const category = { slug, label: command.label.trim(), ...(command.code === undefined ? {} : { code: command.code }) };
  return { type: 'CategoryAdded', data: { category } };
}

function removeCategory(command: RemoveCategory, state: Article): ArticleEvent | null {
  const category = state.categories.find((candidate) => candidate.slug === command.slug);
  return category ? { type: 'CategoryRemoved', data: { category: { ...category } } } : null;
}

function publish(state: Article): ArticleEvent | null {
  if (state.status === 'published') return null;
  if (publishedWithoutHeadline({ ...state, status: 'published' })) {
    throw new ArticleError('HeadlineRequired', 'An article needs a headline before it is published');
  }
  return { type: 'ArticlePublished', data: {} };
}

function withdraw(state: Article): ArticleEvent {
  if (state.status !== 'published') {
    throw new ArticleError('InvalidStatusTransition', `Only a published article can be withdrawn; this one is ${state.status}`, {
      articleStatus: state.status,
    });
  }
  return { type: 'ArticleWithdrawn', data: {} };
}

function unknownCommand(command: never): never {
  throw new Error(`Unknown article command ${JSON.stringify(command)}`);
}
