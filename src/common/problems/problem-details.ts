import { HttpErrorBody } from '../domain-error-mapping';
import { Language } from './accept-language';
import { problemTitle } from './problem-titles';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Problem types are named by their rule and resolve against the API's own address
 * (RFC 9457 §3.1.1 allows a relative reference), e.g. `/problems/ballot.failed`.
 */
export const problemType = (rule: string): string => `/problems/${encodeURIComponent(rule)}`;

/**
 * An RFC 9457 problem: `type`, `title`, `status`, `detail`, `instance`, beside the fields clients
 * already read (`statusCode`, `error`, `rule`, `message`, `field`, `currentRevision`, …).
 */
export interface ProblemDetails extends HttpErrorBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  rule: string;
}

export interface ProblemOccurrence {
  /** The request path that failed: the problem's `instance`. */
  path: string;
  language: Language;
  /** The detail in the caller's language, when the error was written in it. */
  translatedDetail?: string;
}

/** Renders an error body as a problem in the caller's language; the status decides nothing else. */
export function renderProblem(body: HttpErrorBody, occurrence: ProblemOccurrence): ProblemDetails {
  const rule = body.rule ?? 'internal.unexpected';
  const detail = occurrence.translatedDetail ?? body.message;
  return {
    type: problemType(rule),
    title: problemTitle(rule, body.statusCode, occurrence.language),
    status: body.statusCode,
    detail,
    instance: occurrence.path,
    ...body,
    rule,
    message: detail,
  };
}
