import { HttpException } from '@nestjs/common';
import { ArticleError, type ArticleErrorCode } from '@newsroom/articles';
import { type Problem, ProblemException, problemType, problemTypeOfTitle } from './problem';

/** The HTTP status and title of every domain refusal: the one table where domain meets HTTP. */
const DOMAIN_STATUS: Record<ArticleErrorCode, [number, string]> = {
  ArticleNotFound: [404, 'Article not found'],
  ArticleAlreadyExists: [409, 'Article already exists'],
  RevisionNotFound: [404, 'Revision not found'],
  TextNotFound: [422, 'Text not found'],
  AmbiguousMatch: [422, 'Ambiguous match'],
  OccurrenceOutOfRange: [422, 'Occurrence out of range'],
  BlockNotFound: [422, 'Block not found'],
  EmptyArticle: [422, 'Empty article'],
  HeadlineRequired: [422, 'Headline required'],
  PublishedArticleLocked: [403, 'Published article locked'],
  InvalidStatusTransition: [422, 'Invalid status transition'],
  RestoreToCurrentContent: [422, 'Restore to current content'],
  NotRevertible: [422, 'Not revertible'],
  RevertConflict: [409, 'Revert conflict'],
  InvalidCategory: [422, 'Invalid category'],
  InvalidPassage: [422, 'Invalid passage'],
  PassageNotFound: [422, 'Passage not found'],
  PassageInRedaction: [422, 'Passage in redaction'],
};

const HTTP_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
};

/** PostgreSQL and driver failures that mean "the database is not there", not "you asked wrongly". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

export interface MappedError {
  problem: Problem;
  headers: Record<string, string>;
}

export function toProblem(error: unknown): MappedError {
  if (error instanceof ProblemException) return { problem: error.problem, headers: error.headers };
  if (error instanceof ArticleError) {
    const [status, title] = DOMAIN_STATUS[error.code];
    // Details extend the problem; they never replace its standard members.
    return { problem: { ...error.details, type: problemType(error.code), title, status, detail: error.message }, headers: {} };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (isDatabaseUnavailable(error)) {
    return plain(503, 'DatabaseUnavailable', 'Service unavailable', 'The database is unreachable; try again shortly.', {
      'Retry-After': '5',
    });
  }
  return plain(500, 'InternalError', 'Internal server error', 'An unexpected error occurred; it has been logged.');
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return (
    typeof message === 'string' &&
    /timeout exceeded when trying to connect|Connection terminated|is not queryable|connect ECONNREFUSED|the database system is (starting up|shutting down)/i.test(
      message,
    )
  );
}

function fromHttpException(error: HttpException): MappedError {
  const status = error.getStatus();
  const response = error.getResponse();
  const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
  const title = HTTP_TITLES[status] ?? error.name;
  return {
    problem: { type: problemTypeOfTitle(title), title, status, detail },
    headers: {},
  };
}

function plain(status: number, code: string, title: string, detail: string, headers: Record<string, string> = {}): MappedError {
  return { problem: { type: problemType(code), title, status, detail }, headers };
}
