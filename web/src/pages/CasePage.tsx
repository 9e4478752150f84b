import { isWithheld, withheldResultKey, withheldResultOf } from '../withheld';
import { caseTitle, useCaseDocumentTitle } from './case-title';
import { ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, idempotencyKeys, unwrap } from '../api/client';
import { CaseWithNames, useCase, useCatalog } from '../api/hooks';
import { afterRecordWrite } from '../api/record-queries';
import { CaseView, Definition } from '../api/types';
import { formatDay } from '../dates';
import { Link } from '../router';
import { can, getSession } from '../session';
import { describedBy, ErrorBox, Field, Loading } from '../components/common';
import { ProcedureDiagram } from '../components/ProcedureDiagram';
import { StepForm } from '../components/StepForm';
import { NomineeBallotForm } from '../components/NomineeBallotForm';
import { NomineeTallies } from '../components/NomineeTallies';
import { ExamStepForm } from '../components/ExamStepForm';
import { ExamResults } from '../components/ExamResults';
import { CaseCorrection, CorrectionNotes } from '../components/CaseCorrection';
import { useDisclosureFocus } from '../components/disclosure-focus';
import { stepTitleOf } from '../step-title';
import { useReasonText } from '../server-text/use-reason-text';
import { CaseClosure } from '../components/CaseClosure';
import { DecisionCard } from '../components/DecisionCard';
import { StepDue } from '../components/StepDue';
import { VettingRecord } from '../components/VettingRecord';
import { VettingResolution } from '../components/VettingResolution';
import { DecisionHeldBack, itemsBlockingDecision } from '../components/DecisionHeldBack';
import { RemovalGroundsFacts } from '../components/RemovalGroundsFacts';
import { usePinnedRuleNames } from '../pinned-rules';
import { useFocusOnSuccess } from '../components/focus-on-success';
import { PURPOSE } from '../purposes';

const stepKeys = idempotencyKeys();
const closeKeys = idempotencyKeys();
const resolveKeys = idempotencyKeys();

export function CaseFacts({ view }: { view: ReturnType<typeof useCase>['data'] & object }) {
  const { t } = useTranslation();
  const names = view.names;
  // The definition and rule set by their titles; their ids stay in the tooltip for the record.
  const pinned = usePinnedRuleNames(view.definition, view.ruleSet);
  const openFacts = (view as { facts?: Record<string, unknown> }).facts;
  return (
    <dl className="facts">
      {/* A post case whose ballot chose someone is about them (personId is the appointee too):
          one row, "Nhân sự được chọn", says whom and how. */}
      {!view.appointee && (
        <>
          <dt>{t('case.person')}</dt>
          <dd>
            {view.personId ? (
              <Link to={`/cadres/${view.personId}`}>
                {names?.people[view.personId] ?? view.personId}
              </Link>
            ) : (
              <span data-testid="case-for-post">{t('case.forPost')}</span>
            )}
          </dd>
        </>
      )}
      {view.appointee && (
        <>
          <dt>{t('case.appointee')}</dt>
          <dd data-testid="case-appointee">
            <Link to={`/cadres/${view.appointee}`}>
              {names?.people[view.appointee] ?? view.appointee}
            </Link>
          </dd>
        </>
      )}
      <dt>{t('case.position')}</dt>
      <dd>{(view.positionId && names?.positions[view.positionId]) ?? view.positionId ?? '—'}</dd>
      <dt>{t('case.unit')}</dt>
      <dd>{names?.orgUnits[view.orgUnitId] ?? view.orgUnitId}</dd>
      <dt>{t('case.definition')}</dt>
      <dd title={view.definition}>{pinned.definition}</dd>
      <dt>{t('case.ruleSet')}</dt>
      <dd title={view.ruleSet}>{pinned.ruleSet}</dd>
      <dt>{t('case.opened')}</dt>
      <dd>{formatDay(view.openedOn)}</dd>
      {view.recordedFromPaper && (
        <>
          <dt>{t('case.fromPaper')}</dt>
          <dd data-testid="case-from-paper">
            {t('case.fromPaperValue', {
              ref: view.recordedFromPaper.paperRecordRef,
              date: formatDay(view.recordedFromPaper.recordedOn),
            })}
          </dd>
        </>
      )}
      <ReappointmentTiming facts={openFacts} />
      <RemovalGroundsFacts definition={view.definition} facts={openFacts} />
      <dt>{t('case.status')}</dt>
      <dd data-testid="case-status">{t(`status.${view.status}`, { defaultValue: view.status })}</dd>
      <dt>{t('case.revision')}</dt>
      <dd>{view.revision ?? '—'}</dd>
    </dl>
  );
}

/** When a re-appointment (or an extension) had to be opened by, and whether it was late. */
function ReappointmentTiming({ facts }: { facts?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!facts || typeof facts.openBy !== 'string' || typeof facts.termEnd !== 'string') return null;
  return (
    <>
      <dt>{t('case.termEnds')}</dt>
      <dd>{formatDay(facts.termEnd)}</dd>
      <dt>{t('case.openBy')}</dt>
      <dd data-testid="case-open-by">
        {formatDay(facts.openBy)}
        {facts.late === true && (
          <>
            {' '}
            <span className="badge danger">
              {t(facts.lateUnit === 'working_days' ? 'case.lateWorkingDays' : 'case.lateDays', {
                count: Number(facts.daysLate),
              })}
            </span>
          </>
        )}
      </dd>
    </>
  );
}

export function StepRecords({
  view,
  definition,
  resolveAction,
}: {
  view: CaseWithNames;
  definition?: Definition;
  /** «Giải quyết» on a flagged vetting item, offered on the latest recorded vetting only. */
  resolveAction?: (item: string) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const stepTitle = (stepId: string) => stepTitleOf(definition?.steps, stepId, i18n.language);
  const reasonText = useReasonText(view.names);
  const latestVetting = view.steps.findLastIndex((r) => r.type === 'VettingItemsRecorded');
  return (
    <ol className="records">
      {view.steps.map((record, i) => (
        <li key={i}>
          <strong>{t(`record.${record.type}`, { defaultValue: record.type })}</strong>
          {typeof record.stepId === 'string' ? ` · ${stepTitle(record.stepId)}` : ''}
          {record.heldOn ? ` · ${formatDay(record.heldOn)}` : ''}
          {record.minutesRef ? ` · ${record.minutesRef}` : ''}
          {withheldResultOf(record) ? (
            <div className="muted" data-testid="result-withheld">
              {t(withheldResultKey(withheldResultOf(record)!, record.type))}
            </div>
          ) : (
            typeof record.reason === 'string' && (
              <div className="muted">
                {isWithheld(record.reason) ? t('case.hidden') : reasonText(record.reason)}
              </div>
            )
          )}
          <ReferenceShare record={record} names={view.names?.people} />
          <ElectionResult record={record} />
          <VettingRecord
            record={record}
            now={view.vetting}
            reasonText={reasonText}
            resolveAction={i === latestVetting ? resolveAction : undefined}
          />
          <CorrectionNotes record={record} people={view.names?.people} reasonText={reasonText} />
        </li>
      ))}
    </ol>
  );
}

/** The council's election as recorded: votes for out of all delegates, and the outcome. */
function ElectionResult({ record }: { record: CaseView['steps'][number] }) {
  const { t } = useTranslation();
  const vote = record.vote as { delegates: number; present: number; for: number } | undefined;
  if (record.type !== 'ElectionResultRecorded' || !vote || typeof vote !== 'object') return null;
  return (
    <div data-testid="election-result">
      {t('election.result', vote)} — {t(`election.outcome_${String(record.outcome)}`)}
    </div>
  );
}

/** A tally kept for reference (kết quả là một căn cứ): the share it recorded, in the reader's language. */
type Share = { votes: number; base: number; baseName: 'members' | 'summoned'; percent: number };

/**
 * A tally kept for reference: the share of the case's person, or for a post case with several
 * nominees standing, each nominee's share by name.
 */
function ReferenceShare({
  record,
  names,
}: {
  record: CaseView['steps'][number];
  names?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const share = record.share as Share | undefined;
  const shares = record.shares as Record<string, Share> | undefined;
  if (record.outcome !== 'reference' || !share || typeof share !== 'object') return null;
  const line = (s: Share) =>
    t('case.referenceShare', {
      votes: s.votes,
      base: s.base,
      baseName: t(s.baseName === 'members' ? 'ballot.baseMembers' : 'ballot.baseSummoned'),
      percent: s.percent.toLocaleString(i18n.language),
    });
  return (
    <div data-testid="reference-share">
      {shares && typeof shares === 'object'
        ? Object.entries(shares).map(([personId, s]) => (
            <div key={personId}>
              {names?.[personId] ?? personId}: {line(s)}
            </div>
          ))
        : line(share)}
    </div>
  );
}

/** A case: its procedure drawn, the current step's form, withdraw and reject with confirmation. */
export function CasePage({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const session = getSession()!;
  const queryClient = useQueryClient();
  const current = useCase(caseId);
  const catalog = useCatalog();
  // How many writes were refused as stale since the last reload: each one moves focus to the
  // warning (before: it showed at the top of the page, out of sight of the form's «Ghi nhận», and
  // focus fell to <body>).
  const [stale, setStale] = useState(0);
  const staleRef = useFocusOnSuccess<HTMLDivElement>(stale || null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useFocusOnSuccess<HTMLParagraphElement>(notice);
  const [closing, setClosing] = useState<'withdraw' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const [closeError, setCloseError] = useState<unknown>(null);
  // «Xác nhận» pressed with no reason: said on the field (before: the button stayed disabled, and
  // nothing said why).
  const [reasonMissing, setReasonMissing] = useState(false);
  // «Rút hồ sơ» / «Không chấp thuận» open the reason in their place: it takes focus, and «Hủy»
  // gives it back to the button (before: focus fell to <body>).
  const closingFocus = useDisclosureFocus(closing);
  const cancelClosing = () => {
    closingFocus.cancelled();
    setClosing(null);
  };
  const [correcting, setCorrecting] = useState(false);
  const view = current.data;
  const title = view ? caseTitle(view, t) : null;
  useCaseDocumentTitle(caseId, title, t);
  // A summary the server wrote (a notice's re-appointment) is read in the reader's language.
  const summaryText = useReasonText(view?.names);
  const definition = catalog.data?.definitions.find((d) => d.key === view?.definition);
  const ruleSet = catalog.data?.ruleSets.find((r) => r.id === view?.ruleSet);
  const step = definition?.steps.find((s) => s.id === view?.currentStep?.id);
  // The person the case is about takes none of its steps (separation.subject): the server offers
  // them no action and says so; the page hides every form and button and tells them why.
  const isSubject = Boolean(view?.readerMayNotAct);
  // Withdrawal and rejection: offered when the server's view does (only the role that opens the case).
  const mayWithdraw = Boolean(view?.allowedNext.some((next) => next.action === 'withdraw'));
  const mayReject = Boolean(view?.allowedNext.some((next) => next.action === 'reject'));
  // A flagged item is resolved by whoever performs the vetting step (its roles) and opens cases
  // (the route's grant); the server offers it in allowedNext while it is flagged and open.
  const vettingStep = definition?.steps.find((s) => s.kind === 'vetting');
  const mayResolve = (item: string) =>
    !isSubject &&
    can.openCase(session) &&
    Boolean(vettingStep?.actors.roles.some((r) => session.roles.includes(r))) &&
    Boolean(
      view?.allowedNext.some(
        (next) =>
          (next.action === 'resolve-vetting-item' || next.action === 'recheck-vetting-item') &&
          next.item === item,
      ),
    );
  // An item the rule set bars setting aside, read from the record: offered to be read again.
  const rechecks = (item: string) =>
    Boolean(
      view?.allowedNext.some(
        (next) => next.action === 'recheck-vetting-item' && next.item === item,
      ),
    );
  const mayAct = Boolean(
    !isSubject && step && step.actors.roles.some((r) => session.roles.includes(r)),
  );
  // The decision is held back while a flagged vetting item is open: the server refuses it and does
  // not offer it (before, the full form was given and the refusal came after «Ghi nhận»).
  const blocking = step?.kind === 'decision' ? itemsBlockingDecision(view?.vetting) : [];
  // What the record says of the person the case is now about: a post case's chosen nominee, whose
  // record the server's vetting reads (before: the person it was opened with, "" for a post case,
  // so the form asked for /cadres//eligibility and showed nothing).
  const eligibility = useQuery({
    queryKey: ['eligibility', view?.personId, view?.positionId],
    enabled: Boolean(
      step?.kind === 'vetting' &&
      mayAct &&
      view?.personId &&
      view?.positionId &&
      can.readPerson(session),
    ),
    queryFn: () =>
      unwrap<{ reasons: { rule: string; reason: string }[] }>(
        api.GET('/cadres/{id}/eligibility', {
          params: { path: { id: view!.personId! }, query: { for: view!.positionId! } },
          headers: { 'X-Purpose': PURPOSE.vetting },
        }),
      ),
  });

  const reload = async () => {
    setStale(0);
    await queryClient.invalidateQueries({ queryKey: ['case', caseId] });
  };
  /**
   * A ballot whose result this reader's role may not see was still recorded: the notice says so,
   * and why its result does not show (before: only "không công bố", as if nothing was recorded).
   */
  const noticeAfter = (stepId?: string) => {
    const recorded = queryClient
      .getQueryData<CaseWithNames>(['case', caseId, null])
      ?.steps.findLast((record) => stepId !== undefined && record.stepId === stepId);
    const withheld = recorded ? withheldResultOf(recorded) : null;
    return withheld ? t(withheldResultKey(withheld, recorded!.type)) : t('case.recorded');
  };
  const afterWrite = async (stepId?: string) => {
    await queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    await afterRecordWrite(queryClient);
    setNotice(noticeAfter(stepId));
  };
  const headers = (body: unknown, keys: (body: unknown) => string) => ({
    'If-Match': `"${view!.revision}"`,
    'Idempotency-Key': keys(body),
  });
  const isStale = (e: unknown) =>
    e instanceof ApiError && e.status === 409 && e.rule === 'concurrency.stale_revision';

  const submitStep = async (body: Record<string, unknown>) => {
    setNotice(null);
    try {
      await unwrap(
        api.POST('/cases/{id}/steps/{stepId}', {
          params: { path: { id: caseId, stepId: step!.id } },
          body: body as never,
          headers: headers({ step: step!.id, body }, stepKeys),
        }),
      );
    } catch (e) {
      if (isStale(e)) {
        setStale((n) => n + 1);
        return;
      }
      throw e;
    }
    await afterWrite(step!.id);
  };

  const close = async () => {
    if (!closing) return;
    setCloseError(null);
    if (!reason.trim()) {
      setReasonMissing(true);
      document.getElementById('close-reason')?.focus();
      return;
    }
    const body = { reason: reason.trim() };
    try {
      const path = closing === 'withdraw' ? '/cases/{id}/withdraw' : '/cases/{id}/reject';
      await unwrap(
        api.POST(path, {
          params: { path: { id: caseId } },
          body,
          headers: headers({ closing, body }, closeKeys),
        }),
      );
      setClosing(null);
      await afterWrite();
    } catch (e) {
      if (isStale(e)) setStale((n) => n + 1);
      else setCloseError(e);
    }
  };

  if (current.isPending || catalog.isPending) return <Loading />;
  if (current.error)
    return (
      <section>
        <h1>{t('case.title', { id: caseId })}</h1>
        <ErrorBox error={current.error} />
      </section>
    );
  if (catalog.error) return <ErrorBox error={catalog.error} />;
  const data = view!;
  return (
    <section>
      {/* The heading says what the case is; its id is a reference below it, muted. Before, the
          id sat in the heading, «(Hồ sơ c-366a…)», and read as part of what the case is. */}
      <h1>{title}</h1>
      <p className="muted" data-testid="case-id">
        {t('case.reference', { id: caseId })}
      </p>
      <p className="muted" data-testid="case-summary">
        {summaryText(data.summary)}
      </p>
      {isSubject && (
        <p className="notice" data-testid="subject-may-not-act">
          {t('case.subjectMayNotAct')}
        </p>
      )}
      {stale > 0 && (
        <div className="warning" role="alert" tabIndex={-1} ref={staleRef} data-testid="case-stale">
          {t('case.stale')}{' '}
          <button type="button" onClick={() => void reload()}>
            {t('case.reload')}
          </button>
        </div>
      )}
      {notice && (
        <p className="notice" role="status" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      )}
      <div className="columns">
        <div>
          <CaseFacts view={data} />
          {can.history(session) && (
            <p>
              <Link to={`/cases/${caseId}/history`}>{t('case.history')}</Link>
            </p>
          )}
        </div>
        {definition && <ProcedureDiagram view={data} definition={definition} />}
      </div>
      <CaseCorrection
        view={data}
        definition={definition}
        ruleSet={ruleSet}
        session={session}
        headers={headers}
        open={correcting}
        setOpen={setCorrecting}
        done={async () => {
          await afterWrite();
          setNotice(t('correction.done'));
        }}
      />
      {!correcting && data.status === 'open' && data.currentStep && step && (
        <section className="card" aria-labelledby="current-step-title">
          <h2 id="current-step-title">
            {t('case.currentStep', { title: i18n.language === 'en' ? step.title : step.titleVi })}
          </h2>
          <StepDue due={data.currentStep} />
          {blocking.length > 0 ? (
            <DecisionHeldBack
              items={blocking}
              personId={data.personId}
              reasonText={summaryText}
              mayReadPerson={can.readPerson(session)}
            />
          ) : mayAct && (step.kind === 'registration' || step.kind === 'scores') ? (
            <ExamStepForm
              key={`${step.id}:${data.revision}`}
              view={data}
              step={step}
              submit={submitStep}
            />
          ) : mayAct &&
            data.fillsPost &&
            step.kind === 'ballot' &&
            (data.nominees?.length ?? 0) > 1 ? (
            <NomineeBallotForm
              key={`${step.id}:${data.revision}`}
              view={data}
              step={step}
              ruleSet={ruleSet}
              submit={submitStep}
            />
          ) : mayAct ? (
            <StepForm
              key={`${step.id}:${data.revision}`}
              view={data}
              step={step}
              steps={definition?.steps}
              ruleSet={ruleSet}
              submit={submitStep}
              recordFindings={eligibility.data?.reasons ?? null}
              decisionGivesTerm={definition?.decisionGivesReappointmentNotice === true}
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
      <NomineeTallies view={data} definition={definition} />
      <ExamResults view={data} definition={definition} />
      {data.decision && (
        <section className="card">
          <h2>{t('case.decision')}</h2>
          <DecisionCard decision={data.decision} procedure={data.procedure} names={data.names} />
        </section>
      )}
      <CaseClosure view={data} />
      {data.status === 'open' && (mayWithdraw || mayReject) && (
        <section className="card">
          {!closing ? (
            <>
              {mayWithdraw && (
                <button
                  ref={closingFocus.openerRef('withdraw')}
                  type="button"
                  className="secondary"
                  onClick={() => setClosing('withdraw')}
                >
                  {t('case.withdraw')}
                </button>
              )}{' '}
              {mayReject && (
                <button
                  ref={closingFocus.openerRef('reject')}
                  type="button"
                  className="danger"
                  onClick={() => setClosing('reject')}
                >
                  {t('case.reject')}
                </button>
              )}
            </>
          ) : (
            <div
              ref={closingFocus.panelRef}
              className="confirm"
              role="alertdialog"
              aria-labelledby="close-confirm"
              // Escape closes it as «Hủy» does (before: only «Hủy» did), focus back on the button.
              onKeyDown={(e) => {
                if (e.key !== 'Escape') return;
                e.preventDefault();
                cancelClosing();
              }}
            >
              <p id="close-confirm">
                {t(closing === 'withdraw' ? 'case.confirmWithdraw' : 'case.confirmReject')}
              </p>
              <Field
                id="close-reason"
                label={t('case.reason')}
                error={reasonMissing ? t('form.required') : null}
                required
              >
                <input
                  id="close-reason"
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                    if (e.target.value.trim()) setReasonMissing(false);
                  }}
                  aria-required
                  aria-invalid={reasonMissing || undefined}
                  aria-describedby={describedBy('close-reason', false, reasonMissing)}
                />
              </Field>
              <ErrorBox error={closeError} names={data.names} outcomeOfSubmit />
              <button type="button" className="danger" onClick={() => void close()}>
                {t('case.confirm')}
              </button>{' '}
              <button type="button" className="secondary" onClick={cancelClosing}>
                {t('case.cancel')}
              </button>
            </div>
          )}
        </section>
      )}
      <section>
        <h2>{t('case.records')}</h2>
        <StepRecords
          view={data}
          definition={definition}
          resolveAction={(item) =>
            mayResolve(item) ? (
              <VettingResolution
                caseId={caseId}
                item={item}
                recheck={rechecks(item)}
                headers={headers}
                keys={resolveKeys}
                names={data.names}
                stale={() => setStale((n) => n + 1)}
                done={async () => {
                  const recheck = rechecks(item);
                  await afterWrite();
                  setNotice(t(recheck ? 'case.rechecked' : 'case.resolved'));
                }}
              />
            ) : null
          }
        />
      </section>
    </section>
  );
}
