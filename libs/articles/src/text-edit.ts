import type { Article } from './article';
import type { FindAndReplace } from './commands';
import { ArticleError } from './errors';
import type { AttributionFixed, TextCorrected } from './events';
import { findMatches, type TextMatch } from './find-text';

type TextEditEvent = AttributionFixed | TextCorrected;

/**
 * One find-and-replace in one block. The event carries the block's text before and after, the
 * range and both fragments, so history, diffs and reverts never need to re-run the search.
 * `null` when the replacement is exactly the text found.
 */
export function decideTextEdit(type: TextEditEvent['type'], command: FindAndReplace, state: Article): TextEditEvent | null {
  const match = chosenMatch(command, state);
  if (match.text === command.replace) return null;
  const before = state.blocks.find((block) => block.id === match.blockId)?.text ?? '';
  const after = before.slice(0, match.start) + command.replace + before.slice(match.end);
  const notice = command.notice === undefined ? null : { kind: command.noticeKind ?? 'correction', text: command.notice };
  return {
    type,
    data: {
      blockId: match.blockId,
      before,
      after,
      range: { start: match.start, end: match.end },
      found: match.text,
      replacement: command.replace,
      notice,
    },
  };
}

/** The one place a find-and-replace applies to in `state`, or the refusal saying why there is none. */
export function chosenMatch(command: FindAndReplace, state: Pick<Article, 'blocks'>): TextMatch {
  return chooseMatch(findMatches(state.blocks, command.find, command.blockId), command);
}

function chooseMatch(matches: TextMatch[], command: FindAndReplace): TextMatch {
  const where = command.blockId === undefined ? 'the article' : `block ${command.blockId}`;
  if (matches.length === 0) {
    throw new ArticleError('TextNotFound', `“${command.find}” does not occur in ${where}`, { matches: 0 });
  }
  const { occurrence } = command;
  if (occurrence === undefined) {
    if (matches.length === 1) return matches[0];
    throw new ArticleError(
      'AmbiguousMatch',
      `“${command.find}” occurs ${matches.length} times in ${where}: give an occurrence (1 to ${matches.length}) or a blockId`,
      { matches: matches.length },
    );
  }
  if (!Number.isInteger(occurrence) || occurrence < 1 || occurrence > matches.length) {
    throw new ArticleError(
      'OccurrenceOutOfRange',
      `Occurrence ${occurrence} asked for, but “${command.find}” occurs ${matches.length} time${matches.length === 1 ? '' : 's'} in ${where}`,
      { matches: matches.length, occurrence },
    );
  }
  return matches[occurrence - 1];
}
