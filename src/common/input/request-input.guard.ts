import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';
import { findBodyProblem, FORBIDDEN_KEYS } from './body-scan';
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

function checkQuery(query: Record<string, unknown>): void {
  for (const name of Object.keys(query)) {
    const shown = JSON.stringify(name);
    const nameProblem = unsafeTextProblem(name, 'token');
    if (nameProblem) refuse('query.invalid_text', name, `query parameter ${shown} ${nameProblem}`);
    if (FORBIDDEN_KEYS.has(name))
      refuse('query.forbidden_key', name, `query parameter ${shown} is not accepted`);
    const value = query[name];
    // Every query parameter of this API takes one value: `a=1&a=2` or `a[b]=1` is a mistake.
    if (typeof value !== 'string')
      refuse('query.repeated', name, `${name}: give the query parameter once, as plain text`);
    const problem = unsafeTextProblem(value as string, 'token');
    if (problem) refuse('query.invalid_text', name, `${name}: the query value ${problem}`);
  }
}

function checkPathParams(params: Record<string, string | string[]>): void {
  for (const [name, value] of Object.entries(params)) {
    for (const part of Array.isArray(value) ? value : [value]) {
      const problem = unsafeTextProblem(part, 'token');
      if (problem) refuse('path.invalid_text', name, `${name}: the path segment ${problem}`);
    }
  }
}

/**
 * Refuses, before any handler runs or anything is stored, the input no field of this API can
 * take: NUL and control characters in path ids and query values, repeated query parameters, and
 * in bodies NUL and control characters (line breaks and tabs aside), unpaired surrogates and the
 * keys `__proto__`, `constructor`, `prototype` at any depth. The answer is a 400 naming the field;
 * left alone, PostgreSQL would refuse the text (a 500) or a key would vanish silently.
 */
@Injectable()
export class RequestInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<InputRequest>();
    checkPathParams(request.params ?? {});
    refuseUndecodableQuery(request.originalUrl ?? request.url);
    checkQuery(request.query ?? {});
    const problem = findBodyProblem(request.body);
    if (problem) refuse(problem.rule, problem.field, problem.message);
    return true;
  }
}
