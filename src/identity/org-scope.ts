import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../common/tokens';
import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';
import { Actor } from './actor';

/** A grant reaches its own org unit and every unit below it, never a sibling or a parent. */
@Injectable()
export class OrgScope {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async reaches(actor: Actor, unitId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ ok: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM org_units WHERE id = $1 AND $2 = ANY (path)) AS ok',
      [unitId, actor.orgUnit],
    );
    return rows[0].ok;
  }

  /** A unit with no parent: a grant there covers the whole registry below it. */
  async isTopLevel(unitId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ ok: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM org_units WHERE id = $1 AND parent_id IS NULL) AS ok',
      [unitId],
    );
    return rows[0].ok;
  }

  /** Refuses with 403 naming both units when the caller's grant does not cover `unitId`. */
  async assertReaches(actor: Actor, unitId: string, what: string): Promise<void> {
    if (!(await this.reaches(actor, unitId))) {
      throw new DomainRuleViolation(
        'scope.out_of_scope',
        `${what} belongs to org unit ${unitId}, which your grant for ${actor.orgUnit} does not cover`,
        'forbidden',
      );
    }
  }
}
