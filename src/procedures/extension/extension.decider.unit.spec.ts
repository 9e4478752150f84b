import * as path from 'node:path';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { ruleSetInForce } from '../../workflow/rule-sets/rule-set';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { givenStream, historyOf } from '../../workflow/testing/decider-spec';
import { retirementDate } from '../../workflow/rules/retirement';
import { CaseCommand } from '../case/decider/case.commands';
import { CaseContext } from '../case/decider/case.context';
import { caseDecider } from '../case/decider/case.decider';
import { refuseEffectiveFromRetirement } from '../case/decider/effective-before-retirement';
import {
  EXTENSION_AT_RETIREMENT,
  extensionOpening,
  extensionTerm,
  refuseExtensionAfterTermContinues,
  refuseExtensionOfPostEnded,
} from './extension-rules';

const seeds = path.resolve(__dirname, '../../../seeds');
const definition = loadDefinitions(path.join(seeds, 'definitions')).get(
  'extension.to-retirement@1',
)!;
const ruleSet = ruleSetInForce(loadRuleSets(path.join(seeds, 'rule-sets')), '2026-11-20', 'state')!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const today = '2026-11-20';
const near = { dateOfBirth: '1966-06-10', gender: 'male' as const };
const retires = retirementDate(ruleSet, near.dateOfBirth, near.gender);

const actor = (userId: string, role: string): Actor => ({
  userId,
  roles: [role],
  orgUnit: 'ou-t',
});
const context = (who: Actor): CaseContext => ({
  definition,
  ruleSet,
  calendar,
  actor: who,
  today,
  actorReachesCaseUnit: true,
  decisionTerm: (_state, effectiveFrom) => extensionTerm(ruleSet, near, effectiveFrom),
});
const perform = (who: Actor, stepId: string, body: object): [CaseCommand, CaseContext] => [
  { type: 'PerformStep', data: { stepId, body: body as never } },
  context(who),
];
const opened: [CaseCommand, CaseContext] = [
  {
    type: 'OpenCase',
    data: {
      caseId: 'k-1',
      procedure: 'extension',
      personId: 'p-1',
      positionId: 'pos-head',
      orgUnitId: 'ou-t',
      summary: 'x',
    },
  },
  context(actor('u-staff', 'organization_staff')),
];
const post = (termEnd: string) => [
  { positionId: 'pos-head', from: '2022-01-15', termEnd, decisionRef: '1' },
];

describe('extension of the term to retirement (kéo dài thời hạn giữ chức vụ)', () => {
  it('given the self-report and a passed ballot, when decided, the term runs to the retirement date', () => {
    const history = historyOf(
      caseDecider,
      opened,
      perform(actor('u-staff', 'organization_staff'), 'self-report', {
        kind: 'meeting',
        heldOn: today,
        conclusion: 'ok',
      }),
      perform(actor('u-sec', 'ballot_secretary'), 'leadership-ballot', {
        kind: 'ballot',
        heldOn: today,
        minutesRef: 'BB',
        tally: { members: 9, summoned: 9, present: 9, for: 5, against: 4, abstain: 0, invalid: 0 },
      }),
    );
    const [issued] = givenStream(caseDecider, ...history)
      .when(
        ...perform(actor('u-leader', 'leadership'), 'decision', {
          kind: 'decision',
          heldOn: today,
          number: '55-QĐ',
          signer: 'Chủ tịch',
          effectiveFrom: '2027-01-15',
        }),
      )
      .then(['DecisionIssued']);
    expect(issued.data).toMatchObject({
      termEnd: retires,
      details: { applied: 'extended_to_retirement' },
    });
  });

  it('opens only when fewer than 2 whole years are left at the term’s end, with the notice day', () => {
    const input = { positionId: 'pos-head', person: near, today, ruleSet, calendar };
    expect(extensionOpening({ ...input, posts: post('2027-01-15') })).toMatchObject({
      retirementDate: retires,
      late: true,
    });
    const young = { ...input, person: { dateOfBirth: '1980-01-01', gender: 'male' as const } };
    expect(() => extensionOpening({ ...young, posts: post('2027-01-15') })).toThrow(
      /whole years to retirement .* only below 2/,
    );
    expect(() => extensionOpening({ ...input, posts: [] })).toThrow(/no post pos-head/);
    // A term already running to retirement has nothing left to extend (before: opened again).
    expect(() => extensionOpening({ ...input, posts: post(retires) })).toThrow(
      /already runs to .* nothing to extend/,
    );
  });

  it('takes effect on the day the term ends (decided late: the decision’s day), never on or after retirement', () => {
    const posts = post('2027-01-15');
    const from = (effectiveFrom: string, heldOn: string) => () =>
      refuseExtensionAfterTermContinues(posts, 'pos-head', { effectiveFrom, heldOn });
    expect(from('2027-01-15', today)).not.toThrow();
    // Before: an extension from after the retirement it runs to was decided.
    expect(from(retires, today)).toThrow(
      expect.objectContaining({ rule: 'extension.starts_after_term_end', field: 'effectiveFrom' }),
    );
    expect(from('2027-02-01', '2027-02-01')).not.toThrow();
    expect(from('2027-02-02', '2027-02-01')).toThrow(/is after 2027-02-01/);
    const extend = (effectiveFrom: string) => () =>
      refuseEffectiveFromRetirement(near, ruleSet, effectiveFrom, EXTENSION_AT_RETIREMENT);
    expect(extend('2027-01-15')).not.toThrow();
    for (const day of [retires, '2040-01-01'])
      expect(extend(day)).toThrow(
        expect.objectContaining({
          rule: 'extension.starts_at_retirement',
          field: 'effectiveFrom',
          details: { retirementDate: retires },
        }),
      );
  });

  it('is refused at its decision once another decision has ended the post before its term did', () => {
    const post = {
      positionId: 'pos-h',
      from: '2022-03-01',
      termEnd: '2027-03-01',
      decisionRef: 'QĐ-1',
    };
    const cut = {
      ...post,
      endedOn: '2026-12-01',
      reason: 'transferred',
      endedBy: 'QĐ-tr',
      caseId: null,
    };
    expect(() => refuseExtensionOfPostEnded({ posts: [], pastPosts: [cut] }, 'pos-h')).toThrow(
      expect.objectContaining({
        rule: 'extension.post_ended',
        field: 'positionId',
        details: { endedOn: '2026-12-01', endedBy: 'QĐ-tr', termEnd: '2027-03-01' },
      }),
    );
    expect(() =>
      refuseExtensionOfPostEnded({ posts: [post], pastPosts: [] }, 'pos-h'),
    ).not.toThrow();
  });
});
