import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';
import { findBodyProblem, FORBIDDEN_KEYS } from './body-scan';
import { passesQueryThrough, queryParametersOf } from './known-query-parameters.guard';
import { repeatedKeyIn } from './repeated-keys';
import { lineBreakIn, textProblemInEnglish, visibleTextProblem } from './text-characters';
import { unsafeTextProblem } from './unsafe-text';

interface InputRequest {
  originalUrl?: string;
  url: string;
  params?: Record<string, string | string[]>;
  query?: Record<string, unknown>;
  body?: unknown;
}

const refuse = (rule: string, field: string, message: string): never => {
  throw new DomainRuleViolation(rule, message, 'invalid', field);
};

/**
 * Node's query parser turns an escape that is not UTF-8 (`%FF`) into U+FFFD without a word; the
 * raw query string is checked first so such a value is refused instead of looked up.
 */
function refuseUndecodableQuery(url: string): void {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const [rawName, ...rawValue] = pair.replace(/\+/g, ' ').split('=');
    let name = rawName;
    try {
      name = decodeURIComponent(rawName);
      decodeURIComponent(rawValue.join('='));
    } catch {
      refuse(
        'query.invalid_encoding',
        name,
        `${name}: the query value is not percent-encoded UTF-8`,
      );
    }
  }
}

/**
 * Why an id or a query value cannot be taken, or null: NUL and control characters, unpaired
 * surrogates, and what a person's text may not hold either (`text-characters.ts`): an invisible
 * character such as a direction override, a private-use one, a line separator, stacked or lone
 * accent marks. Never the text itself: the answer would show the character it refuses.
 */
function tokenProblem(value: string): string | null {
  const unsafe = unsafeTextProblem(value, 'token');
  if (unsafe) return unsafe;
  const unseen = visibleTextProblem(value);
  if (unseen) return `holds ${textProblemInEnglish(unseen)}`;
  const lineBreak = lineBreakIn(value);
  if (lineBreak)
    return `holds a line break (${lineBreak.codePoint}) at position ${lineBreak.position}`;
  return null;
}

/**
 * `unknown` tells a parameter the route does not take. While the query holds one, no value is
 * judged empty: the parameter not taken is the bigger mistake, named by the route's own guard
 * after the token check (`KnownQueryParametersGuard`) as for any value, so `?bogus=` and
 * `?bogus=&orgUnit=` are 400 `query.unknown_parameter` naming `bogus`, not `query.empty`.
 */
function checkQuery(
  query: Record<string, unknown>,
  takesEmptyValues: boolean,
  unknown: (name: string) => boolean,
): void {
  const judgesEmpty = !takesEmptyValues && !Object.keys(query).some(unknown);
  for (const name of Object.keys(query)) {
    const nameProblem = tokenProblem(name);
    // The name is not repeated back: it holds the character refused.
    if (nameProblem)
      refuse('query.invalid_text', 'query', `a query parameter's name ${nameProblem}`);
    if (FORBIDDEN_KEYS.has(name))
      refuse(
        'query.forbidden_key',
        name,
        `query parameter ${JSON.stringify(name)} is not accepted`,
      );
    const value = query[name];
    // Every query parameter of this API takes one value: `a=1&a=2` or `a[b]=1` is a mistake.
    if (typeof value !== 'string')
      refuse('query.repeated', name, `${name}: give the query parameter once, as plain text`);
    // `?orgUnit=` was looked up as the unit "" (422 "org unit  does not exist"); a filter not
    // wanted is left out.
    if (value === '' && judgesEmpty)
      refuse('query.empty', name, `${name}: must not be empty; leave the parameter out instead`);
    const problem = tokenProblem(value as string);
    if (problem) refuse('query.invalid_text', name, `${name}: the query value ${problem}`);
  }
}

function checkPathParams(params: Record<string, string | string[]>): void {
  for (const [name, value] of Object.entries(params)) {
    for (const part of Array.isArray(value) ? value : [value]) {
      const problem = tokenProblem(part);
      if (problem) refuse('path.invalid_text', name, `${name}: the path segment ${problem}`);
    }
  }
}

/**
 * A body is one JSON object. body-parser refuses `"x"` and `null` as malformed ("send one JSON
 * object"), but an array is JSON it reads: `[1,2]` reached the DTO and was refused "0: unknown
 * field". Then the body's keys, strings and depth, and a key given twice (seen in the raw text).
 */
function checkBody(request: InputRequest): void {
  if (Array.isArray(request.body))
    refuse('body.not_object', 'body', 'the request body is a JSON array; send one JSON object');
  const problem = findBodyProblem(request.body) ?? repeatedKeyIn(request);
  if (problem) refuse(problem.rule, problem.field, problem.message);
}

/**
 * Refuses, before any handler runs or anything is stored, the input no field of this API can
 * take: NUL, control and invisible characters in path ids and query values, empty and repeated
 * query parameters, and in bodies: anything but one object, NUL and control characters (line
 * breaks and tabs aside), unpaired surrogates, the keys `__proto__`, `constructor`, `prototype`
 * and a key given twice in one object, at any depth. The answer is a 400 naming the field;
 * left alone, PostgreSQL would refuse the text (a 500) or a key would vanish silently.
 */
@Injectable()
export class RequestInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<InputRequest>();
    checkPathParams(request.params ?? {});
    refuseUndecodableQuery(request.originalUrl ?? request.url);
    const taken = queryParametersOf(context);
    checkQuery(
      request.query ?? {},
      passesQueryThrough(context.getClass()),
      (name) => taken !== null && !taken.has(name),
    );
    checkBody(request);
    return true;
  }
}
