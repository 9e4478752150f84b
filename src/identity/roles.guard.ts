import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { ALLOWED_ROLES } from './allow.decorator';
import { AuthenticatedRequest } from './jwt-auth.guard';
import { IS_PUBLIC } from './public.decorator';
import { REFUSED_READS, RefusedReads } from './refused-reads';

/**
 * Runs after the JWT guard: the caller needs one of the route's roles; a route without a rule is
 * closed. A logged read refused here is in the access log, with its 403, before the answer.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(REFUSED_READS) private readonly refusedReads?: RefusedReads,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<string[] | undefined>(ALLOWED_ROLES, targets);
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (!allowed)
      throw new DomainRuleViolation(
        'route.no_access_rule',
        'this route has no access rule; it is closed until it gets one',
        'forbidden',
      );
    if (!actor || !actor.roles.some((role) => allowed.includes(role))) {
      const refusal = new DomainRuleViolation(
        'role.not_allowed',
        `this route is for ${allowed.join(', ')}; you act as ${actor?.roles.join(', ') || 'no role'}`,
        'forbidden',
      );
      await this.refusedReads?.refused(context, refusal);
      throw refusal;
    }
    return true;
  }
}
