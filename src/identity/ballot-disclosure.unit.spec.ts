import {
  BallotDisclosureReader,
  discloseBallot,
  NOT_ANNOUNCED,
  WITHHELD_FROM_SUBJECT,
} from './ballot-disclosure';

const unannouncedBallot = {
  type: 'DisciplineBallotTallied',
  data: {
    stepId: 'ballot',
    tally: { members: 11, votesByForm: { warning: 7, reprimand: 4 } },
    outcome: 'form_chosen',
    form: 'warning',
    reason: 'warning: 7 votes, more than 5.5 of 11 members',
    announced: false,
    visibleTo: ['inspector', 'auditor'],
  },
};
const announcedNomination = {
  type: 'NominationTallied',
  data: {
    tally: { candidates: [{ personId: 'p-rival', votes: 9 }] },
    selected: ['p-rival'],
    reason: 'p-rival: 9 votes',
    outcome: 'selected',
    announced: true,
    visibleTo: [],
  },
};
const inspector = { roles: ['inspector'] };
const staff = { roles: ['organization_staff'] };

describe('ballot disclosure', () => {
  it('shows an unannounced tally to the roles its rule names', () => {
    expect(discloseBallot(inspector, unannouncedBallot, { viewerIsSubject: false })).toEqual({
      data: unannouncedBallot.data,
      withheld: [],
    });
  });

  it('withholds an unannounced tally from other roles, and the form it chose until the decision makes it public', () => {
    const shown = discloseBallot(staff, unannouncedBallot, { viewerIsSubject: false });
    expect(shown.reason).toBe(NOT_ANNOUNCED);
    expect(shown.withheld).toEqual(['tally', 'reason', 'form']);
    expect(shown.data).toMatchObject({ outcome: 'form_chosen' });
    expect(shown.data).not.toHaveProperty('form');
    expect(JSON.stringify(shown.data)).not.toMatch(/votesByForm|7 votes/);
    const decided = discloseBallot(staff, unannouncedBallot, {
      viewerIsSubject: false,
      conclusionPublic: true,
    });
    expect(decided.withheld).toEqual(['tally', 'reason']);
    expect(decided.data).toMatchObject({ form: 'warning', outcome: 'form_chosen' });
  });

  it('withholds the counts from the subject even when their role may see them', () => {
    const shown = discloseBallot({ roles: ['inspector'], personId: 'p-1' }, unannouncedBallot, {
      viewerIsSubject: true,
    });
    expect(shown.reason).toBe(WITHHELD_FROM_SUBJECT);
    expect(shown.data).not.toHaveProperty('tally');
  });

  it("treats a nomination's candidate like the subject, even when the result is announced", () => {
    expect(discloseBallot(staff, announcedNomination, { viewerIsSubject: false }).withheld).toEqual(
      [],
    );
    const candidate = discloseBallot(
      { roles: ['organization_staff'], personId: 'p-rival' },
      announcedNomination,
      { viewerIsSubject: false },
    );
    expect(candidate).toMatchObject({
      reason: WITHHELD_FROM_SUBJECT,
      withheld: ['tally', 'reason', 'selected'],
    });
  });

  it('judges a closure that restates the ballot by that ballot, and withholds it when unknown', () => {
    const closure = {
      type: 'DisciplineCaseClosed',
      data: { rule: 'ballot.no_form_reached', reason: 'ballot: most: warning 5; no discipline 6' },
    };
    const reader = new BallotDisclosureReader(inspector);
    reader.disclose({ streamId: 'discipline-1', ...unannouncedBallot }, false);
    expect(reader.disclose({ streamId: 'discipline-1', ...closure }, false).withheld).toEqual([]);
    expect(
      new BallotDisclosureReader(inspector).disclose(
        { streamId: 'discipline-1', ...closure },
        false,
      ),
    ).toMatchObject({ withheld: ['reason'], data: { rule: 'ballot.no_form_reached' } });
  });

  it('judges a rejection by a failed ballot as that ballot, and leaves a rejection by staff alone', () => {
    const ballot = {
      type: 'BallotTallied',
      data: {
        stepId: 'leadership-round-2',
        reason: 'failed: 6 of 13 members for',
        announced: false,
      },
    };
    const rejected = (rule: string) => ({
      type: 'CaseRejected',
      data: { rule, reason: 'ballot failed: 6 of 13 members for', stepId: 'leadership-round-2' },
    });
    const leadership = { roles: ['leadership'] };
    const reader = new BallotDisclosureReader(leadership);
    const visible = { ...ballot, data: { ...ballot.data, visibleTo: ['leadership'] } };
    reader.disclose({ streamId: 'appointment-1', ...visible }, false);
    expect(
      reader.disclose({ streamId: 'appointment-1', ...rejected('ballot.failed') }, false).withheld,
    ).toEqual([]);
    expect(
      reader.disclose({ streamId: 'appointment-1', ...rejected('ballot.failed') }, true),
    ).toMatchObject({ withheld: ['reason'], reason: WITHHELD_FROM_SUBJECT });
    expect(
      discloseBallot(staff, rejected('exam.no_candidate_passed'), { viewerIsSubject: false }),
    ).toMatchObject({ withheld: ['reason'], reason: NOT_ANNOUNCED });
    expect(
      discloseBallot(staff, rejected('case.rejected_by_staff'), { viewerIsSubject: true }).withheld,
    ).toEqual([]);
  });

  it('passes events without ballot counts unchanged', () => {
    const opened = { type: 'CaseOpened', data: { personId: 'p-1', summary: 'x' } };
    expect(discloseBallot(staff, opened, { viewerIsSubject: true })).toEqual({
      data: opened.data,
      withheld: [],
    });
  });
});

describe('ballot disclosure of a corrected tally', () => {
  const correction = {
    type: 'StepCorrected',
    data: {
      stepId: 'expanded-nomination',
      reason: 'votes swapped',
      correctedBy: 'u-staff',
      replaces: 'NominationTallied',
      corrected: {
        type: 'NominationTallied',
        data: {
          tally: { candidates: [{ personId: 'p-an', votes: 16 }] },
          selected: ['p-an'],
          reason: 'p-an: 16 votes',
          outcome: 'selected',
          announced: false,
          visibleTo: ['leadership'],
        },
      },
    },
  };

  it('withholds the corrected counts as the original ones, naming them by path', () => {
    const disclosed = discloseBallot(staff, correction, { viewerIsSubject: false });
    expect(disclosed.withheld).toEqual([
      'corrected.tally',
      'corrected.reason',
      'corrected.selected',
    ]);
    expect(disclosed.reason).toBe(NOT_ANNOUNCED);
    expect(JSON.stringify(disclosed.data)).not.toMatch(/16|p-an: /);
    // Who corrected and why stay visible to a reader the ballot is merely not announced to.
    expect(disclosed.data).toMatchObject({ reason: 'votes swapped', correctedBy: 'u-staff' });
  });

  it("withholds the correction's own reason from the subject, who may read it restating their votes", () => {
    const disclosed = discloseBallot(staff, correction, { viewerIsSubject: true });
    expect(disclosed.withheld).toEqual([
      'reason',
      'corrected.tally',
      'corrected.reason',
      'corrected.selected',
    ]);
    expect(disclosed.data).not.toHaveProperty('reason');
  });

  it('shows them to a role the rule names, and never to the subject', () => {
    expect(
      discloseBallot({ roles: ['leadership'] }, correction, { viewerIsSubject: false }),
    ).toEqual({ data: correction.data, withheld: [] });
    expect(
      discloseBallot({ roles: ['leadership'] }, correction, { viewerIsSubject: true }).reason,
    ).toBe(WITHHELD_FROM_SUBJECT);
  });
});
