import { SetMetadata } from '@nestjs/common';
import { Role, ROLES } from './actor';

export const ALLOWED_ROLES = 'cadreflow:allowed-roles';

/**
 * The roles that may call a route (within their org unit's subtree). Every route has one, or is
 * @Public(): the roles guard refuses a route without a rule, so a new route cannot be left open.
 */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** Who may do what: the route table the guard and the authorization matrix test both read. */
export const ACCESS = {
  anyRole: [...ROLES] as Role[],
  registryWrite: ['organization_staff', 'admin'] as Role[],
  personRead: ['organization_staff', 'leadership', 'inspector', 'auditor', 'admin'] as Role[],
  /**
   * Finding a person by name (id, name, birthday, unit; never their record): the readers, and the
   * ballot secretary, who records the people a nomination names.
   */
  personSearch: [
    'organization_staff',
    'leadership',
    'inspector',
    'auditor',
    'admin',
    'ballot_secretary',
  ] as Role[],
  caseOpen: ['organization_staff'] as Role[],
  /** Opening a case as of a past day (kept on paper until now), on top of caseOpen. */
  caseOpenFromPaper: ['records_clerk'] as Role[],
  caseStep: ['organization_staff', 'ballot_secretary', 'leadership', 'inspector'] as Role[],
  caseClose: ['organization_staff', 'leadership'] as Role[],
  disciplineOpen: ['inspector', 'organization_staff'] as Role[],
  disciplineRead: [
    'inspector',
    'organization_staff',
    'leadership',
    'ballot_secretary',
    'auditor',
    'admin',
  ] as Role[],
  disciplineDecide: ['leadership'] as Role[],
  register: ['inspector', 'auditor', 'leadership', 'admin'] as Role[],
  audit: ['auditor', 'inspector', 'admin'] as Role[],
  auditorOnly: ['auditor', 'admin'] as Role[],
  admin: ['admin'] as Role[],
};
