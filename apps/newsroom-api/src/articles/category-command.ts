import type { AddCategory } from '@newsroom/articles';
import type { BodyOf } from '../contract/typed-input';
import { ProblemException } from '../http/problem';
import { completeCategory } from '../media-topics/category-completion';
import type { MediaTopicVocabulary } from '../media-topics/media-topic-vocabulary';

/**
 * POST /articles/{id}/categories as a domain command: the category completed from the Media
 * Topics (a code's label, a label's code) before it is decided on, or refused with 422.
 */
export function addCategoryCommandOf(body: BodyOf<'addCategory'>, vocabulary: MediaTopicVocabulary): AddCategory {
  const completed = completeCategory(body, vocabulary);
  if (completed.ok) return { type: 'AddCategory', ...completed.category };
  if (completed.refusal === 'UnknownMediaTopic') {
    throw ProblemException.of(
      422,
      'UnknownMediaTopic',
      'Unknown Media Topic',
      `“${completed.code}” is not an active IPTC Media Topic (release of ${vocabulary.released}): look topics up with GET /categories?search=.`,
      { code: completed.code },
    );
  }
  throw ProblemException.of(
    422,
    'CategoryLabelRequired',
    'Category label required',
    `“${completed.code}” is not a Media Topic code, so it has no label to take: send a label with it.`,
    { code: completed.code },
  );
}
