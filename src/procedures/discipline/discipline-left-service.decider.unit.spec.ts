import { givenStream } from '../../workflow/testing/decider-spec';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider } from './discipline.decider';
import {
  ballot,
  civil,
  civilDefinition,
  decide,
  disciplineHistoryOf,
  inspector,
  leader,
  meeting,
  open,
  ruleSet,
  secretary,
  staff,
  stateNow,
  track,
  verified,
} from './testing/discipline-fixtures';

const given = (...steps: [DisciplineCommand, DisciplineContext][]) =>
  givenStream(disciplineDecider, ...disciplineHistoryOf(disciplineDecider, ...steps));

/** A person whose record shows them retired since 1 Jan 2026, before the violation was found. */
const retired = track(civilDefinition, stateNow, {
  personStatuses: [{ status: 'retired', from: '2026-01-01', until: null, note: 'nghỉ hưu' }],
});

const toCouncil = (who: typeof civil): [DisciplineCommand, DisciplineContext][] => [
  [open({ detectedOn: '2026-10-01' }), who.as(inspector)],
  [verified, who.as(inspector)],
  [meeting('self-criticism'), who.as(staff)],
  [meeting('review'), who.as(inspector)],
];

describe('civil-service track: a violation found after the person left the service (Luật 80/2025 art. 43(3)(c))', () => {
  it('records at opening that the person had retired on the detection day', () => {
    const [opened] = given()
      .when(open({ detectedOn: '2026-10-01' }), retired.as(inspector))
      .then(['DisciplineCaseOpened']);
    expect(opened.data).toMatchObject({
      leftService: { status: 'retired', from: '2026-01-01' },
    });
    const [serving] = given()
      .when(open({ detectedOn: '2026-10-01' }), civil.as(inspector))
      .then(['DisciplineCaseOpened']);
    expect(serving.data).not.toHaveProperty('leftService');
  });

  it('removes the title of the posts held (xóa tư cách chức vụ), ending no post and barring nothing', () => {
    const [decided] = given(...toCouncil(retired), [
      ballot({ removal_of_former_title: 4 }, 5),
      retired.as(secretary),
    ])
      .when(decide('removal_of_former_title'), retired.as(leader))
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({
      form: 'removal_of_former_title',
      endsPost: false,
      barEndsOn: '2026-11-15',
    });
    expect(decided.data).not.toHaveProperty('barScope');
  });

  it('gives one who left only reprimand, warning or the removal of the former title', () => {
    const atDecision = given(...toCouncil(retired), [
      ballot({ warning: 4 }, 5),
      retired.as(secretary),
    ]);
    for (const form of ['removal_from_post', 'dismissal'])
      atDecision
        .when(decide(form, { reasonForDifferentForm: 'nặng hơn' }), retired.as(leader))
        .refuses('discipline.form_not_after_leaving_service', /art\. 43\(3\)\(c\)/);
    given(...toCouncil(retired))
      .when(ballot({ removal_from_post: 4 }, 5), retired.as(secretary))
      .refuses('tally.inconsistent', /removal_from_post/);
  });

  it('refuses the removal of a former title for one still serving, naming the rule and the field', () => {
    given(...toCouncil(civil), [ballot({ warning: 4 }, 5), civil.as(secretary)])
      .when(decide('removal_of_former_title', { reasonForDifferentForm: 'x' }), civil.as(leader))
      .refuses('discipline.form_after_leaving_service_only', /^form: removal_of_former_title/);
    given()
      .when(open({ severity: 'removal_of_former_title' }), civil.as(inspector))
      .refuses('discipline.form_after_leaving_service_only', /violation.severity/);
  });

  it('leaves the sets before the 2025 Law as they were: no forms after leaving', () => {
    const before = track(civilDefinition, ruleSet('vn-2022'), {
      personStatuses: [{ status: 'retired', from: '2022-01-01', until: null, note: '' }],
    });
    const [opened] = given()
      .when(open({ detectedOn: '2026-10-01' }), before.as(inspector))
      .then(['DisciplineCaseOpened']);
    expect(opened.data).not.toHaveProperty('leftService');
  });
});
