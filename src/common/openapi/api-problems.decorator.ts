import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';

const WHEN: Record<number, string> = {
  400: 'invalid input: body.invalid or query.invalid (field named), body.malformed_json, body.not_object, body.invalid_utf8, body.forbidden_key, body.repeated_key, body.invalid_text, query.invalid_text, query.empty, query.repeated, query.unknown_parameter (a parameter the route does not take, named), path.invalid_text, query.<name> (query.as_of for an impossible asOf), header.if_match',
  401: 'no valid bearer token (auth.unauthenticated), a token in the URL (token.in_query)',
  403: 'role.not_allowed, step.role_not_allowed, scope.out_of_scope (an id outside your grant, or missing), scope.unknown_unit, separation.*',
  404: 'the case, person, unit, post or stream does not exist',
  409: 'concurrency.stale_revision (with currentRevision), step.out_of_order (with currentRevision), case.exists, case.id_taken (the id belongs to a case of another procedure, named in procedure), case.duplicate_open (with openCaseId), discipline.violation_already_handled (with otherCaseId, or openedByAnotherUnit), idempotency.id_reused, idempotency.in_flight',
  413: 'body.too_large',
  422: 'refused by a domain rule, with its numbers (ballot.no_quorum, vetting.flagged_item_blocks_decision, discipline.limitation_expired, …), idempotency.key_reused, idempotency.key_too_long',
  429: 'rate_limit.exceeded (see Retry-After)',
  503: 'service.unavailable: a dependency (PostgreSQL, Redis) is down or dropped the connection during the request, named in `dependency` (or, from /health, the checks in `down`); see Retry-After. A read, or a connection refused at connect, ran nothing: retry it. A write whose connection dropped may or may not be stored: retry it with the same Idempotency-Key if it sent one, else check the state first',
};

/** The error answers a route (or every route of a controller) can give, each an RFC 9457 problem. */
export function ApiProblems(...statuses: (keyof typeof WHEN)[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: WHEN[status],
        content: {
          'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } },
        },
      }),
    ),
  );
}

/** Every authenticated route: no token, a role or scope refusal, the rate limit. */
export const ApiAuthenticatedProblems = () => ApiProblems(401, 403, 429);

/** A route with a JSON body: invalid or malformed, too large. */
export const ApiBodyProblems = () => ApiProblems(400, 413);
