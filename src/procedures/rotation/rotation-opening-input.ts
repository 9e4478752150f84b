import { PersonState } from '../../cadres/person/person.state';
import { postsHeldOn } from '../../cadres/person/posts-held-on';
import { RegistryReads } from '../../cadres/prefetched-registry';
import { Position } from '../../cadres/registry-records';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { RotationOpeningInput } from './rotation-rules';

type Registered = Extract<PersonState, { status: 'registered' }>;

/**
 * What a rotation's opening checks read from the registry: the person's planning pool with each
 * entry's rank, their profile, the target post and its province. One place, so the opening and
 * the eligibility asked before it (GET /cadres/:id/eligibility?procedure=rotation) judge alike.
 */
export async function rotationOpeningInput(
  registry: RegistryReads,
  person: Registered,
  target: Position,
  definition: RotationOpeningInput['definition'],
  ruleSet: RuleSet,
  today: string,
): Promise<RotationOpeningInput> {
  const planningPool = await Promise.all(
    person.planningPool.map(async (entry) => ({
      ...entry,
      rank: (await registry.findPosition(entry.positionId))?.rank ?? null,
    })),
  );
  return {
    definition,
    target: {
      id: target.id,
      rank: target.rank,
      isLeadership: target.isLeadership,
      province: await provinceOf(registry, target.orgUnitId),
      orgUnitId: target.orgUnitId,
    },
    planningPool,
    person: {
      id: person.profile.personId,
      dateOfBirth: person.profile.dateOfBirth,
      gender: person.profile.gender,
      originProvince: person.placeOfOrigin?.province ?? null,
      leadershipPostsPastFirstTerm: await leadershipPostsPastFirstTerm(registry, person, today),
      postsHeld: await postsHeldWithUnits(registry, person, today),
    },
    today,
    ruleSet,
  };
}

/** The name of the province unit above (or at) a unit, if any. */
async function provinceOf(registry: RegistryReads, orgUnitId: string): Promise<string | null> {
  const unit = await registry.findOrgUnit(orgUnitId);
  for (const id of unit?.path ?? []) {
    const ancestor = await registry.findOrgUnit(id);
    if (ancestor?.kind === 'province') return ancestor.name;
  }
  return null;
}

/** Leadership posts held today that began after a term of the same post ended (a re-appointment). */
async function leadershipPostsPastFirstTerm(
  registry: RegistryReads,
  person: Registered,
  today: string,
): Promise<string[]> {
  const held: string[] = [];
  for (const post of postsHeldOn(person, today)) {
    const renewed = person.reappointmentsDue.some(
      (due) => due.positionId === post.positionId && due.termEnd <= post.from,
    );
    if (renewed && (await registry.findPosition(post.positionId))?.isLeadership)
      held.push(post.positionId);
  }
  return held;
}

/** The posts held today with each post's unit (a post no longer on the registry is left out). */
async function postsHeldWithUnits(
  registry: RegistryReads,
  person: Registered,
  today: string,
): Promise<{ positionId: string; orgUnitId: string }[]> {
  const held: { positionId: string; orgUnitId: string }[] = [];
  for (const post of postsHeldOn(person, today)) {
    const position = await registry.findPosition(post.positionId);
    if (position) held.push({ positionId: post.positionId, orgUnitId: position.orgUnitId });
  }
  return held;
}
