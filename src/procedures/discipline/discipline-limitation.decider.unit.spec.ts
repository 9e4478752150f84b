import * as path from 'node:path';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { givenStream } from '../../workflow/testing/decider-spec';
import { disciplineDecider } from './discipline.decider';
import {
  ballot,
  civil,
  civilDefinition,
  decide,
  inspector,
  leader,
  meeting,
  open,
  party,
  ruleSet,
  ruleSetOn,
  secretary,
  staff,
  track,
  verified,
  disciplineHistoryOf,
} from './testing/discipline-fixtures';

/** A Party case up to its ballot, for a violation of the given day, kind and later violations. */
const partyAtBallot = (violation: Parameters<typeof open>[0]) =>
  givenStream(
    disciplineDecider,
    ...disciplineHistoryOf(
      disciplineDecider,
      [open(violation), party.as(inspector)],
      [verified, party.as(inspector)],
      [meeting('self-criticism'), party.as(staff)],
      [meeting('review'), party.as(inspector)],
    ),
  );

describe('limitation (thời hiệu): judged on the form voted, Party track (Quy định 69-QĐ/TW art. 4)', () => {
  it('opens a case whatever the violation’s age: the severity typed in is not judged', () => {
    const [opened] = givenStream(disciplineDecider)
      .when(open({ committedOn: '2001-01-01', severity: 'reprimand' }), party.as(inspector))
      .then(['DisciplineCaseOpened']);
    expect(opened.data).toMatchObject({ limitation: null });
  });

  it('records "confirmed but time-barred" when the form voted is past its period: reprimand 5 years', () => {
    const given = partyAtBallot({ committedOn: '2021-06-01' });
    const [tallied, barred] = given
      .when(ballot({ reprimand: 9, warning: 2 }), party.as(secretary))
      .then(['DisciplineBallotTallied', 'DisciplineTimeBarred']);
    expect(tallied.data).toMatchObject({ outcome: 'form_chosen', form: 'reprimand' });
    expect(barred.data).toMatchObject({
      stepId: 'ballot',
      nextStepId: null,
      limitation: {
        form: 'reprimand',
        years: 5,
        runsFrom: '2021-06-01',
        endsOn: '2026-06-01',
        judgedOn: '2026-11-10',
        expired: true,
        citation: expect.stringMatching(/art\. 4 of Quy định 69-QĐ\/TW/),
      },
      reason: expect.stringMatching(
        /confirmed but time-barred.*5 years from 2021-06-01.*2026-06-01/,
      ),
    });
  });

  it('applies the voted form’s own period: the same violation voted a warning (10 years) goes on', () => {
    partyAtBallot({ committedOn: '2021-06-01' })
      .when(ballot({ warning: 9, reprimand: 2 }), party.as(secretary))
      .then(['DisciplineBallotTallied']);
  });

  it('restarts the period from a later violation within it (vi phạm mới)', () => {
    partyAtBallot({ committedOn: '2019-06-01', laterViolationsOn: ['2023-03-01'] })
      .when(ballot({ reprimand: 9 }), party.as(secretary))
      .then(['DisciplineBallotTallied']);
    // A later violation after the period had already run restarts nothing.
    const [, late] = partyAtBallot({ committedOn: '2019-06-01', laterViolationsOn: ['2025-01-01'] })
      .when(ballot({ reprimand: 9 }), party.as(secretary))
      .then(['DisciplineBallotTallied', 'DisciplineTimeBarred']);
    expect(late.data).toMatchObject({ limitation: { restartedBy: null, endsOn: '2024-06-01' } });
  });

  it('has no period for internal politics, security, defence, foreign affairs, false diplomas', () => {
    partyAtBallot({ committedOn: '2001-01-01', category: 'false_diploma' })
      .when(ballot({ reprimand: 9 }), party.as(secretary))
      .then(['DisciplineBallotTallied']);
  });

  it('leaves a case opened before Dec 2026 with the check it made at opening', () => {
    const [opened, ...rest] = disciplineHistoryOf(
      disciplineDecider,
      [open({ committedOn: '2021-06-01' }), party.as(inspector)],
      [verified, party.as(inspector)],
      [meeting('self-criticism'), party.as(staff)],
      [meeting('review'), party.as(inspector)],
    );
    // Such a case stored the limitation of the severity typed in (a warning: 10 years).
    const checkedAtOpening = {
      ...opened,
      data: {
        ...opened.data,
        limitation: { years: 10, endsOn: '2031-06-01', citation: 'vn-2025' },
      },
    };
    givenStream(disciplineDecider, checkedAtOpening, ...rest)
      .when(ballot({ reprimand: 9 }), party.as(secretary))
      .then(['DisciplineBallotTallied']);
  });

  it('ends the case as time_barred: a decided outcome, not a closure, and no decision may follow', () => {
    const history = disciplineHistoryOf(
      disciplineDecider,
      [open({ committedOn: '2021-06-01' }), party.as(inspector)],
      [verified, party.as(inspector)],
      [meeting('self-criticism'), party.as(staff)],
      [meeting('review'), party.as(inspector)],
      [ballot({ reprimand: 9 }), party.as(secretary)],
    );
    const given = givenStream(disciplineDecider, ...history);
    expect(given.state.status).toBe('time_barred');
    given.when(decide('reprimand'), party.as(leader)).refuses('case.closed', /time_barred/);
  });

  it('lets the ballot that found the time bar be corrected ("Sửa bước"): a warning goes on', () => {
    const history = disciplineHistoryOf(
      disciplineDecider,
      [open({ committedOn: '2021-06-01' }), party.as(inspector)],
      [verified, party.as(inspector)],
      [meeting('self-criticism'), party.as(staff)],
      [meeting('review'), party.as(inspector)],
      [ballot({ reprimand: 9 }), party.as(secretary)],
    );
    const warning = ballot({ warning: 9 }).data as { stepId: string; body: never };
    const [corrected] = givenStream(disciplineDecider, ...history)
      .when(
        { type: 'CorrectDisciplineStep', data: { ...warning, reason: 'mistyped the form' } },
        party.as(inspector),
      )
      .then(['StepCorrected']);
    const after = givenStream(disciplineDecider, ...history, corrected).state;
    expect(after).toMatchObject({ status: 'open', ballot: { form: 'warning' } });
  });
});

describe('limitation on the civil-service track: judged on the form decided (Luật CBCC art. 80)', () => {
  const toDecision = (committedOn: string) =>
    givenStream(
      disciplineDecider,
      ...disciplineHistoryOf(
        disciplineDecider,
        [open({ committedOn }), civil.as(inspector)],
        [verified, civil.as(inspector)],
        [meeting('self-criticism'), civil.as(staff)],
        [meeting('review'), civil.as(inspector)],
        [ballot({ dismissal: 4 }, 5), civil.as(secretary)],
      ),
    );

  it('gives dismissal (buộc thôi việc) 10 years, not none: barred after 10, decided within', () => {
    const [barred] = toDecision('2015-06-01')
      .when(decide('dismissal'), civil.as(leader))
      .then(['DisciplineTimeBarred']);
    expect(barred.data).toMatchObject({
      number: '45/QĐ-UBND',
      limitation: { form: 'dismissal', years: 10, endsOn: '2025-06-01', expired: true },
    });
    const [decided] = toDecision('2018-06-01')
      .when(decide('dismissal'), civil.as(leader))
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({
      limitation: { years: 10, endsOn: '2028-06-01', expired: false },
    });
  });
});

describe('limitation on the civil-service track under Nghị định 112/2020 (cases opened before 1 Jul 2025)', () => {
  /** A civil servant's case pinned to the State set of `openedOn`, up to the decision of `form`. */
  const toDecisionUnder = (
    openedOn: string,
    form: string,
    violation: Parameters<typeof open>[0],
  ) => {
    const t = track(civilDefinition, ruleSetOn(openedOn, 'state'));
    return {
      given: givenStream(
        disciplineDecider,
        ...disciplineHistoryOf(
          disciplineDecider,
          [open(violation), t.as(inspector)],
          [verified, t.as(inspector)],
          [meeting('self-criticism'), t.as(staff)],
          [meeting('review'), t.as(inspector)],
          [ballot({ [form]: 4 }, 5), t.as(secretary)],
        ),
      ),
      leader: t.as(leader),
    };
  };

  it('cites the decree’s article on limitation, art. 5 (thời hiệu, thời hạn xử lý kỷ luật), not art. 6', () => {
    // Opened before Nghị quyết 76/2022/QH15 (15 Nov 2022): the decree's own 5 years for a warning.
    const { given, leader: by } = toDecisionUnder('2022-10-01', 'warning', {
      committedOn: '2012-06-01',
    });
    const [barred] = given.when(decide('warning'), by).then(['DisciplineTimeBarred']);
    expect(barred.data).toMatchObject({
      limitation: {
        years: 5,
        endsOn: '2017-06-01',
        citation: expect.stringMatching(/^Nghị định 112\/2020\/NĐ-CP, art\. 5\(1\)/),
      },
    });
  });
  it('restarts the period from a new violation within it for a case opened from 20 Sep 2023 (Nghị định 71/2023), not before', () => {
    const violation = { committedOn: '2012-06-01', laterViolationsOn: ['2021-01-01'] };
    const amended = toDecisionUnder('2024-01-01', 'warning', violation);
    const [decided] = amended.given
      .when(decide('warning'), amended.leader)
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({
      limitation: {
        runsFrom: '2021-01-01',
        restartedBy: '2021-01-01',
        endsOn: '2031-01-01',
        expired: false,
        citation: expect.stringMatching(/Nghị định 71\/2023\/NĐ-CP, art\. 1\(4\)/),
      },
    });
    // Opened before the amendment, the case keeps the decree as first issued: no restart.
    const before = toDecisionUnder('2023-01-01', 'warning', violation);
    const [barred] = before.given
      .when(decide('warning'), before.leader)
      .then(['DisciplineTimeBarred']);
    expect(barred.data).toMatchObject({ limitation: { restartedBy: null, endsOn: '2022-06-01' } });
  });
});

describe('limitation in the whole sets a case pinned before the instruments (vn-2022, vn-2025)', () => {
  // Those cases run discipline.civil-service@1, whose ballot judges the limitation of its form.
  const civilV1 = loadDefinitions(path.resolve(__dirname, '../../../seeds/definitions')).get(
    'discipline.civil-service@1',
  )!;
  const toBallotUnder = (setId: string, violation: Parameters<typeof open>[0]) => {
    const t = track(civilV1, ruleSet(setId));
    return {
      given: givenStream(
        disciplineDecider,
        ...disciplineHistoryOf(
          disciplineDecider,
          [open(violation), t.as(inspector)],
          [verified, t.as(inspector)],
          [meeting('self-criticism'), t.as(staff)],
          [meeting('review'), t.as(inspector)],
        ),
      ),
      secretary: t.as(secretary),
    };
  };

  it('gives dismissal (buộc thôi việc) 10 years, not none (Luật CBCC art. 80(1) as amended 2019)', () => {
    for (const setId of ['vn-2022', 'vn-2025']) {
      const { given, secretary: by } = toBallotUnder(setId, { committedOn: '2015-06-01' });
      const [, barred] = given
        .when(ballot({ dismissal: 9 }), by)
        .then(['DisciplineBallotTallied', 'DisciplineTimeBarred']);
      expect(barred.data).toMatchObject({
        limitation: {
          form: 'dismissal',
          years: 10,
          endsOn: '2025-06-01',
          expired: true,
          citation: expect.stringMatching(/art\. 80\(1\)/),
        },
      });
    }
  });

  it('has no period for the exempt kinds, whatever the form: a false diploma (văn bằng giả) of 2010 goes on', () => {
    for (const setId of ['vn-2022', 'vn-2025']) {
      const { given, secretary: by } = toBallotUnder(setId, {
        committedOn: '2010-06-01',
        category: 'false_diploma',
      });
      given.when(ballot({ warning: 9 }), by).then(['DisciplineBallotTallied']);
    }
  });
});
