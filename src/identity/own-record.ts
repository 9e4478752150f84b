import { CanActivate, ExecutionContext, UseGuards } from '@nestjs/common';
import { refuseSubject } from '../workflow/step-engine/actors';
import { Actor } from './actor';
import { AuthenticatedRequest } from './jwt-auth.guard';

/**
 * Separation of duties on the registry: a user who is also a cadre (`person_id` in the token)
 * writes nothing about themself — no post, planning-pool entry, status, profile fact or rating,
 * directly, by import, by transfer batch or by planning review — as they may take no step of a
 * case about them. The same rule (`separation.subject`, 403) as the case runners.
 */
export function refuseOwnRecord(
  actor: Pick<Actor, 'personId'>,
  personId: string | undefined,
  field = 'id',
): void {
  if (personId !== undefined) refuseSubject(personId, { actor }, 'this record', field);
}

/** Refuses the request when the route's `:param` names the caller's own person record. */
class OwnRecordGuard implements CanActivate {
  constructor(private readonly param: string) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { params?: Record<string, string> }>();
    // The global guards have authenticated the caller (401 before this one otherwise).
    if (request.actor) refuseOwnRecord(request.actor, request.params?.[this.param], this.param);
    return true;
  }
}

/** A write to the person record the route's `:param` (default `id`) names: never the caller's own. */
export const WritesPersonRecord = (param = 'id') => UseGuards(new OwnRecordGuard(param));
