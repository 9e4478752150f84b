import { CanActivate, ExecutionContext, Injectable, SetMetadata, Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';

const QUERY_READ_ELSEWHERE = 'cadreflow:query-read-elsewhere';
const QUERY_PASSED_THROUGH = 'cadreflow:query-passed-through';

/**
 * Query parameters a route takes that its handler does not read with `@Query('name')`, because
 * something around it does (the access log reads `purpose`), or because the handler takes the
 * whole query and checks it against its DTO itself (after the caller's scope).
 */
export const AcceptsQuery = (...names: string[]) => SetMetadata(QUERY_READ_ELSEWHERE, names);

interface RouteArgument {
  index: number;
  data?: unknown;
}

/**
 * A controller whose requests another application answers (bull-board's page and API under
 * `/admin/queues`): their query parameters are that application's to judge.
 */
export const PassesQueryThrough = () => SetMetadata(QUERY_PASSED_THROUGH, true);

/** Whether `PassesQueryThrough` marks the controller: its query is another application's. */
export const passesQueryThrough = (controller: Type): boolean =>
  Reflect.getMetadata(QUERY_PASSED_THROUGH, controller) === true;

type Handler = (...args: unknown[]) => unknown;

/** The fields of a whole-query DTO, as the validation pipe's whitelist knows them. */
function dtoFields(dto: unknown): string[] | null {
  if (typeof dto !== 'function' || dto === Object) return null;
  const fields = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .map((metadata) => metadata.propertyName);
  return fields.length > 0 ? fields : null;
}

/**
 * The query parameters a handler reads, or null when it takes the whole query as something other
 * than a validated DTO (left to the validation pipe, which refuses what a DTO does not declare).
 */
function queryParametersRead(controller: Type, handler: Handler): Set<string> | null {
  if (passesQueryThrough(controller)) return null;
  const routeArguments: Record<string, RouteArgument> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ?? {};
  const names = new Set<string>(Reflect.getMetadata(QUERY_READ_ELSEWHERE, handler) ?? []);
  for (const [key, argument] of Object.entries(routeArguments)) {
    if (key.split(':')[0] !== String(RouteParamtypes.QUERY)) continue;
    if (typeof argument.data === 'string') {
      names.add(argument.data);
      continue;
    }
    const types: unknown[] =
      Reflect.getMetadata('design:paramtypes', controller.prototype, handler.name) ?? [];
    const fields = dtoFields(types[argument.index]);
    // A whole query the handler checks itself (after the caller's scope) takes what it declares.
    if (!fields && names.size > 0) continue;
    if (!fields) return null;
    fields.forEach((field) => names.add(field));
  }
  return names;
}

const acceptedByHandler = new WeakMap<Handler, Set<string> | null>();

/**
 * The query parameters the request's route takes, or null when the route leaves its query to
 * something else to judge (a whole-query object, another application's): read once per handler.
 */
export function queryParametersOf(context: ExecutionContext): Set<string> | null {
  const handler = context.getHandler() as Handler;
  if (!acceptedByHandler.has(handler))
    acceptedByHandler.set(handler, queryParametersRead(context.getClass(), handler));
  return acceptedByHandler.get(handler) ?? null;
}

/**
 * Refuses a query parameter the route does not read, naming it: a misspelt filter
 * (`?procedur=appointment`) was ignored and the whole list came back as if it had been applied.
 * The names are those the handler reads with `@Query('name')` and those `AcceptsQuery` adds, so
 * a parameter cannot be read without being accepted, nor accepted without being read.
 */
@Injectable()
export class KnownQueryParametersGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const query = context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>().query;
    const names = Object.keys(query ?? {});
    if (names.length === 0) return true;
    const accepted = queryParametersOf(context);
    if (!accepted) return true;
    const unknown = names.find((name) => !accepted.has(name));
    if (unknown !== undefined) {
      const known = [...accepted].sort().join(', ');
      throw new DomainRuleViolation(
        'query.unknown_parameter',
        `${unknown}: not a query parameter of this route (${known ? `it takes ${known}` : 'it takes none'})`,
        'invalid',
        unknown,
      );
    }
    return true;
  }
}
