import { PrefetchedRegistry } from '../cadres/prefetched-registry';
import { postsHeldOn } from '../cadres/person/posts-held-on';
import { Clock, systemClock } from '../common/clock';
import { vietnamDay } from '../common/vietnam-day';
import { Actor } from './actor';
import { OrgScope } from './org-scope';
import {
  personOutsideGrant,
  positionNotFound,
  positionOutsideGrant,
  unitNotFound,
  unitOutsideGrant,
} from './scope-refusals';

/** The checks of OrgScope a bulk job asks for every entry. */
export type EntryScope = Pick<
  OrgScope,
  'assertUnitInScope' | 'assertPersonInScope' | 'assertPositionInScope'
>;

/**
 * OrgScope's checks of an org unit, a post and a person (and the lookups under them), answered from a bulk job's prefetched
 * registry (units with their paths, posts, each person's first event) instead of a query per id:
 * the same rules and the same refusals, word for word (test/transfer-batch compares them).
 * A grant reaches a unit when the grant's unit is on the unit's path, as `OrgScope.reaches` asks.
 */
export class PrefetchedScope
  implements
    EntryScope,
    Pick<OrgScope, 'reaches' | 'unitExists' | 'personUnit' | 'assertManagesPersonRecord'>
{
  constructor(
    private readonly registry: PrefetchedRegistry,
    private readonly clock: Clock = systemClock,
  ) {}

  async reaches(actor: Actor, unitId: string): Promise<boolean> {
    const unit = await this.registry.findOrgUnit(unitId);
    return unit !== null && unit.path.includes(actor.orgUnit);
  }

  async unitExists(unitId: string): Promise<boolean> {
    return (await this.registry.findOrgUnit(unitId)) !== null;
  }

  personUnit(personId: string): Promise<string | null> {
    return this.registry.personUnit(personId);
  }

  async assertUnitInScope(actor: Actor, unitId: string, field: string): Promise<void> {
    if (!(await this.registry.findOrgUnit(unitId))) throw unitNotFound(field, unitId);
    if (!(await this.reaches(actor, unitId))) throw unitOutsideGrant(field, unitId, actor);
  }

  async assertPositionInScope(actor: Actor, positionId: string, field: string): Promise<void> {
    const position = await this.registry.findPosition(positionId);
    const unit = position && (await this.registry.findOrgUnit(position.orgUnitId));
    if (!position || !unit) throw positionNotFound(field, positionId);
    if (!unit.path.includes(actor.orgUnit))
      throw positionOutsideGrant(field, positionId, unit.id, actor);
  }

  /** As OrgScope's: the record's managing unit, or the unit of a post the record holds today. */
  async assertPersonInScope(actor: Actor, personId: string, field: string): Promise<void> {
    const unit = await this.registry.personUnit(personId);
    if (!unit) throw personOutsideGrant(field, personId, actor);
    if (await this.reaches(actor, unit)) return;
    const { state } = await this.registry.loadPerson(personId);
    const held =
      state.status === 'registered' ? postsHeldOn(state, vietnamDay(this.clock.now())) : [];
    for (const post of held) {
      const position = await this.registry.findPosition(post.positionId);
      if (position && (await this.reaches(actor, position.orgUnitId))) return;
    }
    throw personOutsideGrant(field, personId, actor);
  }

  async assertManagesPersonRecord(actor: Actor, personId: string, field: string): Promise<void> {
    const unit = await this.registry.personUnit(personId);
    if (!unit || !(await this.reaches(actor, unit)))
      throw personOutsideGrant(field, personId, actor);
  }
}
