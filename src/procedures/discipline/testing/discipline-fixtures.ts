import * as path from 'node:path';
import { Actor } from '../../../identity/actor';
import { loadCalendar } from '../../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../../workflow/definitions/definition-loader';
import { RuleSet, RuleTrack, ruleSetInForce } from '../../../workflow/rule-sets/rule-set';
import { loadRuleSets } from '../../../workflow/rule-sets/rule-set-loader';
import { DisciplineCommand } from '../discipline.commands';
import { DisciplineContext } from '../discipline.context';
import { Violation } from '../discipline.events';
import { disciplineDecider } from '../discipline.decider';
import { historyOf } from '../../../workflow/testing/decider-spec';

/** Seeds, actors and commands the discipline decider specs share (today: 20 Nov 2026). */
const seeds = path.resolve(__dirname, '../../../../seeds');
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const sets = loadRuleSets(path.join(seeds, 'rule-sets'));
export const partyNow = sets.find((set) => set.id === 'party-2025-10-08')!;
export const stateNow = sets.find((set) => set.id === 'state-2025-10-08')!;
/** A rule set by id: a whole set a case pinned (vn-2022) or a composed one (state-2022-08-18). */
export const ruleSet = (id: string): RuleSet => {
  const found = sets.find((set) => set.id === id);
  if (!found) throw new Error(`no rule set ${id} in the seeds`);
  return found;
};
/** The rule set a case of the track opened on the day pins. */
export const ruleSetOn = (day: string, track: RuleTrack): RuleSet => {
  const found = ruleSetInForce(sets, day, track);
  if (!found) throw new Error(`no ${track} rule set composed for ${day}`);
  return found;
};
export const partyDefinition = definitions.get('discipline.party@1')!;
export const civilDefinition = definitions.get('discipline.civil-service@2')!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));

const actor = (userId: string, role: string): Actor =>
  ({ userId, roles: [role], orgUnit: 'ou-1' }) as Actor;
export const inspector = actor('u-insp', 'inspector');
export const staff = actor('u-staff', 'organization_staff');
export const secretary = actor('u-sec', 'ballot_secretary');
export const leader = actor('u-lead', 'leadership');

/** A case of a track under a rule set, as each actor acts in it. */
export const track = (
  definition = partyDefinition,
  ruleSet: RuleSet = partyNow,
  extra: Partial<DisciplineContext> = {},
) => ({
  as: (who: Actor): DisciplineContext => ({
    definition,
    ruleSet,
    calendar,
    actor: who,
    today: '2026-11-20',
    actorReachesCaseUnit: true,
    personStatuses: [],
    ...extra,
  }),
});
export const party = track();
export const civil = track(civilDefinition, stateNow);

export const open = (
  violation: Partial<Violation> = {},
  who: { electedCadre?: boolean; serviceStatus?: 'cadre' | 'civil_servant' } = {},
): DisciplineCommand => ({
  type: 'OpenDisciplineCase',
  data: {
    caseId: 'd-1',
    personId: 'p-1',
    positionId: 'pos-1',
    orgUnitId: 'ou-1',
    electedCadre: who.electedCadre ?? false,
    ...(who.serviceStatus ? { serviceStatus: who.serviceStatus } : {}),
    summary: 'vi phạm',
    violation: {
      category: 'land_management',
      committedOn: '2025-06-01',
      description: 'cấp đất sai quy định',
      source: 'inspection',
      ...violation,
    },
  },
});
export const step = (stepId: string, body: Record<string, unknown>): DisciplineCommand => ({
  type: 'PerformDisciplineStep',
  data: { stepId, body: { heldOn: '2026-11-10', minutesRef: 'BB-1', ...body } as never },
});
export const meeting = (stepId: string, extra: Record<string, unknown> = {}) =>
  step(stepId, { kind: 'meeting', conclusion: 'done', ...extra });
export const verified = meeting('verification', { violationConfirmed: true });
/** A form ballot; whoever present marked no form voted for no discipline. */
export const ballot = (votesByForm: Record<string, number>, members = 13, present = members) => {
  const marked = Object.values(votesByForm).reduce((a, b) => a + b, 0);
  const noDiscipline = present - marked;
  return step('ballot', {
    kind: 'ballot',
    tally: { members, summoned: members, present, invalid: 0, noDiscipline, votesByForm },
  });
};
export const decide = (form: string, extra: Record<string, unknown> = {}) =>
  step('decision', {
    kind: 'decision',
    number: '45/QĐ-UBND',
    signer: 'Chủ tịch UBND',
    form,
    effectiveFrom: '2026-11-15',
    heldOn: '2026-11-15',
    ...extra,
  });

/**
 * The day the specs' cases are opened: before the steps they record (2026-11-10 on), since no
 * step may be held before the case was opened (`step.held_before_opening`).
 */
export const CASE_OPENED_ON = '2026-11-09';

/** A command's context, the opening decided on CASE_OPENED_ON (the others on their own day). */
export const openedBeforeSteps = <C extends { type: string }>([command, context]: [
  C,
  DisciplineContext,
]): [C, DisciplineContext] =>
  command.type === 'OpenDisciplineCase'
    ? [command, { ...context, today: CASE_OPENED_ON }]
    : [command, context];

/** The events of a discipline history whose case was opened on CASE_OPENED_ON. */
export const disciplineHistoryOf = (
  decider: typeof disciplineDecider,
  ...steps: [DisciplineCommand, DisciplineContext][]
) => historyOf(decider, ...steps.map(openedBeforeSteps));
