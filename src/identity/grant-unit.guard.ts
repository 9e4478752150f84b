import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest } from './jwt-auth.guard';
import { OrgScope } from './org-scope';
import { IS_PUBLIC } from './public.decorator';
import { REFUSED_READS, RefusedReads } from './refused-reads';

export const UNREGISTERED_GRANT_ALLOWED = 'cadreflow:unregistered-grant-allowed';

/**
 * The route may be called with a grant for a unit the registry does not hold yet. Only for
 * `POST /org-units`: an admin creates the first top-level unit before any unit exists; the route
 * itself refuses everything else such a grant asks for.
 */
export const UnregisteredGrantAllowed = () => SetMetadata(UNREGISTERED_GRANT_ALLOWED, true);

/**
 * Runs after the roles guard: a token whose `org_unit` is not in the registry grants nothing
 * (403 `scope.unknown_unit` on every route), closed by default like the roles rule. A logged read
 * refused here is in the access log, with its 403.
 */
@Injectable()
export class GrantUnitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly scope: OrgScope,
    @Optional() @Inject(REFUSED_READS) private readonly refusedReads?: RefusedReads,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(UNREGISTERED_GRANT_ALLOWED, targets)) return true;
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    // The JWT guard has already answered 401 when there is no actor.
    // The JWT guard has already answered 401 when there is no actor.
    if (!actor) return true;
    try {
      await this.scope.assertGrantUnitKnown(actor);
    } catch (refusal) {
      // A logged read refused here is in the access log too, as one refused by the roles rule.
      await this.refusedReads?.refused(context, refusal);
      throw refusal;
    }
    return true;
  }
}
