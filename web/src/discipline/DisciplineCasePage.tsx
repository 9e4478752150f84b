import { useState } from 'react';
import { formsByService } from './left-service';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, idempotencyKeys, unwrap } from '../api/client';
import { useCatalog } from '../api/hooks';
import { afterRecordWrite } from '../api/record-queries';
import { Definition, RuleSet, StepDefinition } from '../api/types';
import { Fraction } from '../ballot/ballot-check';
import { FormBallotRule } from '../ballot/form-ballot-check';
import { ErrorBox, Loading } from '../components/common';
import { useDisclosureFocus } from '../components/disclosure-focus';
import { StepDue } from '../components/StepDue';
import { useFocusOnSuccess } from '../components/focus-on-success';
import { formatDay } from '../dates';
import { Link } from '../router';
import { can, getSession } from '../session';
import { withheldResultKey, withheldResultOf } from '../withheld';
import { usePinnedRuleNames } from '../pinned-rules';
import { DisciplineCaseView, useDisciplineCase } from './discipline-api';
import { disciplineCaseTitle } from './discipline-title';
import { useCaseDocumentTitle } from '../pages/case-title';
import { ActionPath, ComplaintActions, OpenCaseActions } from './DisciplineCaseActions';
import { DisciplineOutcome, DisciplineRecords } from './DisciplineOutcome';
import { DisciplineStepForm, valuesFromRecord } from './DisciplineStepForm';

const stepKeys = idempotencyKeys();
const correctionKeys = idempotencyKeys();
const actionKeys = idempotencyKeys();

type Discipline = {
  councilSteps?: string[];
  councilRecommends?: boolean;
  accumulateFromHeaviest?: boolean;
};

/** The form ballot's rule: its quorum and pass shares from the case's rule set, as the server's. */
function ballotRule(
  step: StepDefinition,
  forms: string[],
  ruleSet: RuleSet | undefined,
  discipline: Discipline | undefined,
): FormBallotRule | null {
  const fraction = (param: string | undefined) =>
    param ? (ruleSet?.params[param]?.value as Fraction | undefined) : undefined;
  const quorum = fraction(step.voteRule?.quorumParam);
  const pass = fraction(step.voteRule?.passParam);
  if (step.kind !== 'ballot' || !quorum || !pass) return null;
  return {
    forms,
    quorum,
    pass,
    accumulateFromHeaviest: discipline?.accumulateFromHeaviest === true,
  };
}

/**
 * The rule set's values the forms need: the track's forms this person may be given (recall only
 * for an elected cadre run as a cadre, dismissal only for a civil servant; one who left the
 * service or retired only the forms for them, as the server judges), the grounds to hold no
 * council and the forms whose decision carries the electing council's resolution.
 */
function ruleValues(view: DisciplineCaseView, ruleSet: RuleSet | undefined) {
  const value = <T,>(name: string): T | undefined => ruleSet?.params[name]?.value as T | undefined;
  const electedOnly = value<string[]>('discipline.electedCadreOnlyForms') ?? [];
  const servantOnly = value<string[]>('discipline.civilServantOnlyForms') ?? [];
  const forms = formsByService(ruleSet?.params, view.track, Boolean(view.leftService)).filter(
    (form) =>
      (!electedOnly.includes(form) || (view.electedCadre && view.serviceStatus === 'cadre')) &&
      (!servantOnly.includes(form) || view.serviceStatus === 'civil_servant'),
  );
  return {
    forms,
    skipGrounds: value<string[]>('discipline.councilSkipGrounds') ?? [],
    councilResolutionForms: value<string[]>('discipline.formsByElectingCouncil') ?? [],
  };
}

/** The definition's steps as this case went: done, passed over (no council), current, to come. */
function StepList({ view, definition }: { view: DisciplineCaseView; definition: Definition }) {
  const { t, i18n } = useTranslation();
  const done = new Set(view.steps.map((s) => s.stepId));
  const skipped = new Map<string, string>();
  for (const s of view.steps)
    for (const id of s.skippedSteps?.stepIds ?? []) skipped.set(id, s.skippedSteps!.ground);
  return (
    <ol className="diagram" aria-label={t('discipline.steps')} data-testid="discipline-steps">
      {definition.steps.map((step) => {
        const state = skipped.has(step.id)
          ? `${t('discipline.skipped')}: ${t(`discipline.skip.${skipped.get(step.id)}`, { defaultValue: skipped.get(step.id) })}`
          : view.currentStep?.id === step.id
            ? t('case.current')
            : done.has(step.id)
              ? t('case.done')
              : t('case.todo');
        return (
          <li key={step.id} data-step={step.id}>
            <strong>{i18n.language === 'en' ? step.title : step.titleVi}</strong> — {state}
          </li>
        );
      })}
    </ol>
  );
}

export function DisciplineFacts({ view }: { view: DisciplineCaseView }) {
  const { t } = useTranslation();
  const later = view.violation.laterViolationsOn ?? [];
  // The definition and rule set by their titles, as on a case; their ids stay in the tooltip.
  const pinned = usePinnedRuleNames(view.definition, view.ruleSet);
  return (
    <dl className="facts">
      <dt>{t('case.person')}</dt>
      <dd>
        <Link to={`/cadres/${view.personId}`}>
          {view.names?.people[view.personId] ?? view.personId}
        </Link>
      </dd>
      <dt>{t('case.unit')}</dt>
      <dd>{view.names?.orgUnits[view.orgUnitId] ?? view.orgUnitId}</dd>
      <dt>{t('discipline.track')}</dt>
      <dd>{t(`discipline.${view.track}`)}</dd>
      {/* Cadre or civil servant picks the state track's route; a Party member is judged as one. */}
      {view.track === 'civil_service' && (
        <>
          <dt>{t('discipline.serviceStatus')}</dt>
          <dd data-testid="discipline-service-status">{t(`discipline.${view.serviceStatus}`)}</dd>
        </>
      )}
      {view.leftService && (
        <>
          <dt>{t('discipline.leftService')}</dt>
          <dd data-testid="discipline-left-service">
            {t('discipline.leftServiceValue', {
              status: t(`personStatus.${view.leftService.status}`),
              from: formatDay(view.leftService.from),
            })}
          </dd>
        </>
      )}
      <dt>{t('case.definition')}</dt>
      <dd title={view.definition} data-testid="discipline-definition">
        {pinned.definition}
      </dd>
      <dt>{t('case.ruleSet')}</dt>
      <dd title={view.ruleSet} data-testid="discipline-rule-set">
        {pinned.ruleSet}
      </dd>
      <dt>{t('register.category')}</dt>
      <dd data-testid="discipline-category">
        {t(`discipline.categories.${view.violation.category}`, {
          defaultValue: view.violation.category,
        })}
      </dd>
      <dt>{t('discipline.committedOn')}</dt>
      <dd>{formatDay(view.violation.committedOn)}</dd>
      {/* The civil-service time to decide runs from it: the opening day when none was given. */}
      <dt>{t('discipline.detectedOn')}</dt>
      <dd data-testid="discipline-detected-on">
        {view.violation.detectedOn
          ? formatDay(view.violation.detectedOn)
          : t('discipline.detectedOnOpening', { day: formatDay(view.openedOn) })}
      </dd>
      {later.length > 0 && (
        <>
          <dt>{t('discipline.laterViolations')}</dt>
          <dd>{later.map(formatDay).join(', ')}</dd>
        </>
      )}
      {view.timeLimit && (
        <>
          <dt>{t('discipline.timeLimit')}</dt>
          <dd data-testid="discipline-time-limit">
            {t('discipline.timeLimitValue', {
              from: formatDay(view.timeLimit.runsFrom ?? view.openedOn),
              until: formatDay(view.timeLimit.decideBy),
            })}
            {view.timeLimit.extended && ` (${t('discipline.extended')})`}
            {view.timeLimit.overdue && (
              <span className="badge danger"> {t('discipline.overdue')}</span>
            )}
          </dd>
        </>
      )}
      <dt>{t('case.opened')}</dt>
      <dd>{formatDay(view.openedOn)}</dd>
      <dt>{t('case.status')}</dt>
      <dd data-testid="discipline-status">{t(`discipline.status.${view.status}`)}</dd>
      <dt>{t('case.revision')}</dt>
      <dd>{view.revision ?? '—'}</dd>
    </dl>
  );
}

/** A discipline case: facts, steps, the current step's form, "Sửa bước", the outcome. */
export function DisciplineCasePage({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const session = getSession()!;
  const queryClient = useQueryClient();
  const current = useDisciplineCase(caseId);
  const catalog = useCatalog();
  const title = current.data ? disciplineCaseTitle(current.data, t) : null;
  useCaseDocumentTitle(caseId, title, t, 'discipline.title');
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useFocusOnSuccess<HTMLParagraphElement>(notice);
  // Each write refused as stale moves focus to the warning, as on a case (before: focus fell to
  // <body> and the warning sat at the top of the page, out of sight).
  const [stale, setStale] = useState(0);
  const staleRef = useFocusOnSuccess<HTMLDivElement>(stale || null);
  const [correcting, setCorrecting] = useState(false);
  // «Sửa bước» opens the form in its place: its first field takes focus, and «Hủy» gives it back
  // to the button (before: focus fell to <body>).
  const correctionFocus = useDisclosureFocus(correcting ? 'correct' : null);
  if (current.isPending || catalog.isPending) return <Loading />;
  if (current.error)
    return (
      <section>
        <h1>{t('discipline.title', { id: caseId })}</h1>
        <ErrorBox error={current.error} />
      </section>
    );
  if (catalog.error) return <ErrorBox error={catalog.error} />;
  const view = current.data!;
  const subject = { caseId, personId: view.personId, track: view.track };
  const definition = catalog.data!.definitions.find((d) => d.key === view.definition);
  const ruleSet = catalog.data!.ruleSets.find((r) => r.id === view.ruleSet);
  const { forms, skipGrounds, councilResolutionForms } = ruleValues(view, ruleSet);
  const discipline = (definition as (Definition & { discipline?: Discipline }) | undefined)
    ?.discipline;
  const step = definition?.steps.find((s) => s.id === view.currentStep?.id);
  // The person the case is about takes none of its steps (separation.subject), as on a case.
  const isSubject = Boolean(view.readerMayNotAct);
  const mayAct = Boolean(!isSubject && step?.actors.roles.some((r) => session.roles.includes(r)));
  const index = definition?.steps.findIndex((s) => s.id === step?.id) ?? -1;
  const beforeCouncil =
    step?.kind === 'meeting' &&
    view.serviceStatus === 'civil_servant' &&
    discipline?.councilSteps?.[0] === definition?.steps[index + 1]?.id;
  // The form the ballot chose: the Party decision applies it, a civil-service council recommends it.
  const recommended =
    ([...view.steps].reverse().find((s) => s.type === 'DisciplineBallotTallied')?.form as
      string | null | undefined) ?? null;
  const correct = view.allowedNext.find((next) => next.action === 'correct-step');
  const mayCorrect = Boolean(correct?.roles?.some((r) => session.roles.includes(r)));
  const correctedStep = definition?.steps.find((s) => s.id === correct?.stepId);
  // The step's own record (the time bar it found carries the same step id, not its values).
  const correctedRecord = [...view.steps]
    .reverse()
    .find((r) => r.stepId === correct?.stepId && r.type !== 'DisciplineTimeBarred');

  // A step's write names the step; an action beside the steps (complaint, extension…) does not,
  // and its key is per route: the same reason sent to extend and then to close is two writes.
  const write = async (
    path: string,
    stepId: string | null,
    body: unknown,
    keys: (b: unknown) => string,
  ) => {
    setNotice(null);
    try {
      await unwrap(
        api.POST(path as '/discipline-cases/{id}/steps/{stepId}', {
          params: { path: { id: caseId, stepId: stepId ?? '' } },
          body: body as never,
          headers: {
            'If-Match': `"${view.revision}"`,
            'Idempotency-Key': keys({ path, stepId, body }),
          },
        }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.rule === 'concurrency.stale_revision') {
        setStale((n) => n + 1);
        return;
      }
      throw e;
    }
    await queryClient.invalidateQueries({ queryKey: ['discipline-case', caseId] });
    await afterRecordWrite(queryClient);
    // A ballot whose result this reader's role may not see was still recorded: say so.
    const recorded = stepId
      ? queryClient
          .getQueryData<DisciplineCaseView>(['discipline-case', caseId, null])
          ?.steps.findLast((record) => record.stepId === stepId)
      : undefined;
    const withheld = recorded ? withheldResultOf(recorded) : null;
    setNotice(withheld ? t(withheldResultKey(withheld, recorded!.type)) : t('case.recorded'));
  };

  const act = (path: ActionPath, body: Record<string, string | boolean>) =>
    write(path, null, body, actionKeys);

  return (
    <section>
      {/* The heading says what the case is; its id is a reference below it, muted. Before, the
          id sat in the heading, «(Hồ sơ c-366a…)», and read as part of what the case is. */}
      <h1>{title}</h1>
      <p className="muted" data-testid="case-id">
        {t('case.reference', { id: caseId })}
      </p>
      <p className="muted">{view.summary}</p>
      {stale > 0 && (
        <div className="warning" role="alert" tabIndex={-1} ref={staleRef} data-testid="case-stale">
          {t('case.stale')}{' '}
          <button
            type="button"
            onClick={() => {
              setStale(0);
              void queryClient.invalidateQueries({ queryKey: ['discipline-case', caseId] });
            }}
          >
            {t('case.reload')}
          </button>
        </div>
      )}
      {notice && (
        <p className="notice" role="status" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      )}
      {isSubject && (
        <p className="notice" data-testid="subject-may-not-act">
          {t('case.subjectMayNotAct')}
        </p>
      )}
      <div className="columns">
        <div>
          <DisciplineFacts view={view} />
          {can.history(session) && (
            <p>
              <Link to={`/cases/${caseId}/history`}>{t('case.history')}</Link>
            </p>
          )}
        </div>
        {definition && <StepList view={view} definition={definition} />}
      </div>
      <DisciplineOutcome view={view} />
      <ComplaintActions view={view} forms={forms} ruleSet={ruleSet} act={act} />
      {mayCorrect && correctedStep && correctedRecord && !correcting && (
        <p>
          <button
            ref={correctionFocus.openerRef('correct')}
            type="button"
            className="secondary"
            onClick={() => setCorrecting(true)}
          >
            {t('correction.action')}
          </button>
        </p>
      )}
      {correcting && correctedStep && correctedRecord && (
        <section
          ref={correctionFocus.panelRef}
          className="card"
          aria-labelledby="correct-step-title"
          data-testid="correct-step"
        >
          <h2 id="correct-step-title">
            {t('correction.title', {
              title: i18n.language === 'en' ? correctedStep.title : correctedStep.titleVi,
            })}
          </h2>
          <p className="muted">{t('correction.explain')}</p>
          <DisciplineRecords
            view={{ ...view, steps: [correctedRecord] }}
            definition={definition}
            testId="correct-step-original"
          />
          <DisciplineStepForm
            step={correctedStep}
            forms={forms}
            councilResolutionForms={councilResolutionForms}
            councilSkipGrounds={null}
            recommendedForm={null}
            subject={subject}
            names={view.names}
            correction={{
              values: valuesFromRecord(correctedRecord),
              labelledBy: 'correct-step-title',
            }}
            submit={async (body) => {
              await write(
                `/discipline-cases/{id}/steps/{stepId}/corrections`,
                correctedStep.id,
                body,
                correctionKeys,
              );
              setCorrecting(false);
              setNotice(t('correction.done'));
            }}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              correctionFocus.cancelled();
              setCorrecting(false);
            }}
          >
            {t('case.cancel')}
          </button>
        </section>
      )}
      {!correcting && view.status === 'open' && step && (
        <section className="card" aria-labelledby="current-step-title">
          <h2 id="current-step-title">
            {t('case.currentStep', { title: i18n.language === 'en' ? step.title : step.titleVi })}
          </h2>
          <StepDue due={view.currentStep ?? { dueOn: null }} />
          {mayAct ? (
            <DisciplineStepForm
              key={`${step.id}:${view.revision}`}
              step={step}
              forms={forms}
              councilResolutionForms={councilResolutionForms}
              councilSkipGrounds={beforeCouncil ? skipGrounds : null}
              recommendedForm={recommended}
              councilRecommends={discipline?.councilRecommends === true}
              ballotRule={ballotRule(step, forms, ruleSet, discipline)}
              heavierForm={view.heavierFormRequired}
              subject={subject}
              names={view.names}
              submit={(body) =>
                write('/discipline-cases/{id}/steps/{stepId}', step.id, body, stepKeys)
              }
            />
          ) : isSubject ? null : (
            <p>
              {t('case.notYours', {
                roles: step.actors.roles.map((r) => t(`roles.${r}`)).join(', '),
              })}
            </p>
          )}
        </section>
      )}
      {!correcting && view.status === 'open' && (
        <OpenCaseActions view={view} forms={forms} act={act} />
      )}
      <section>
        <h2>{t('case.records')}</h2>
        <DisciplineRecords view={view} definition={definition} />
      </section>
    </section>
  );
}
