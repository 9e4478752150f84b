import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api, download, unwrap } from '../api/client';
import { useCase, useCatalog } from '../api/hooks';
import { AuditEntry } from '../api/types';
import {
  formatDateTime,
  momentInAddress,
  parseDateTime,
  parseDay,
  typedButNotADay,
} from '../dates';
import { dayProblem } from '../day-problem';
import { navigate, setQuery, useLocation } from '../router';
import { can, getSession } from '../session';
import { ErrorBox, Field, Loading } from '../components/common';
import { DayInput } from '../components/DayInput';
import { ProcedureDiagram } from '../components/ProcedureDiagram';
import { eventTypeName } from '../event-type-names';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { HashCheckVerdict, StreamCheck } from '../components/HashCheckVerdict';
import { CaseFacts, StepRecords } from './CasePage';
import { AuditCaseList } from './AuditCaseList';
import { AccessLog } from './AccessLog';
import { useDisciplineCase } from '../discipline/discipline-api';
import { DisciplineFacts } from '../discipline/DisciplineCasePage';
import { DisciplineOutcome, DisciplineRecords } from '../discipline/DisciplineOutcome';
import { DisciplineEventLine } from '../discipline/DisciplineEventLine';
import { PURPOSE } from '../purposes';
import { AuditStoreTools } from '../audit/AuditStoreTools';
import { CaseProofDownload } from '../audit/CaseProofDownload';

/** The auditor's start: open a case's history, the access log, exports. */
export function AuditHome() {
  const { t } = useTranslation();
  const session = getSession()!;
  const [caseId, setCaseId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<unknown>(null);
  const open = (event: FormEvent) => {
    event.preventDefault();
    if (caseId.trim()) navigate(`/cases/${encodeURIComponent(caseId.trim())}/history`);
  };
  const exportAll = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const query = new URLSearchParams({ format: 'csv', purpose: PURPOSE.auditExport });
    const f = parseDay(from);
    const tt = parseDay(to);
    // A typed day that is not one is named on its field, not read as "from the beginning".
    if (typedButNotADay(from) || typedButNotADay(to)) return;
    // The service reads a day as the whole day in Vietnam: "Đến 06/12" takes in all of 6 December.
    if (f) query.set('from', f);
    if (tt) query.set('to', tt);
    try {
      await download(`/audit/export?${query}`, 'cadreflow-events.csv', { excelBom: true });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h1>{t('nav.audit')}</h1>
      <form className="card row" onSubmit={open}>
        <div className="field">
          <label htmlFor="audit-case">{t('audit.caseId')}</label>
          <input id="audit-case" value={caseId} onChange={(e) => setCaseId(e.target.value)} />
        </div>
        <button type="submit">{t('audit.openHistory')}</button>
      </form>
      <AuditCaseList />
      <form className="card row" onSubmit={exportAll}>
        <Field
          id="export-from"
          label={t('audit.from')}
          error={typedButNotADay(from) ? dayProblem(from, t, 'open.badDay') : null}
        >
          <DayInput id="export-from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field
          id="export-to"
          label={t('audit.to')}
          error={typedButNotADay(to) ? dayProblem(to, t, 'open.badDay') : null}
        >
          <DayInput id="export-to" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <button type="submit">{t('audit.exportAll')}</button>
      </form>
      <ErrorBox error={error} outcomeOfSubmit />
      <AuditStoreTools />
      {can.accessLog(session) && <AccessLog />}
    </section>
  );
}

/** The form the discipline decision in a history gave (a review keeping it does not repeat it). */
function decidedForm(events: AuditEntry[]): string | null {
  const decided = events.find((e) => e.type === 'DisciplineDecided');
  return typeof decided?.data?.form === 'string' ? decided.data.form : null;
}

/** Why the audit screen reads a case, its history and its state as of a moment (the access log's purpose). */
const AUDIT_PURPOSE = PURPOSE.audit;

/** A case's history as a timeline, its state as of any moment, the hash-chain check, the CSV export. */
export function AuditHistory({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const catalog = useCatalog();
  const history = useQuery({
    queryKey: ['history', caseId],
    queryFn: () =>
      unwrap<{ id: string; events: AuditEntry[] }>(
        api.GET('/cases/{id}/history', {
          params: { path: { id: caseId } },
          headers: { 'X-Purpose': AUDIT_PURPOSE },
        }),
      ),
  });
  const events = history.data?.events ?? [];
  const [position, setPosition] = useState<number | null>(null);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  // A moment typed before the case's first event: the case was not open yet, said here in
  // Vietnamese and not asked of the server (before: its English 404 "case … did not exist yet on
  // 2019-12-31T17:00:00.000Z" under "Sau sự kiện thứ 1/7: Mở hồ sơ").
  const [beforeOpening, setBeforeOpening] = useState<string | null>(null);
  const streamId = events[0]?.streamId;
  // A discipline case is replayed by its own route: the case engine's answers 403 for its id.
  const isDiscipline = streamId?.startsWith('discipline-') ?? false;
  // Read for the audit, as the history is: the access log names why (before: "—" for these reads).
  const caseAsOf = useCase(caseId, asOf, streamId !== undefined && !isDiscipline, AUDIT_PURPOSE);
  const disciplineAsOf = useDisciplineCase(caseId, asOf, isDiscipline, AUDIT_PURPOSE);
  const stateAsOf = isDiscipline ? disciplineAsOf : caseAsOf;
  const verify = useQuery({
    queryKey: ['verify', streamId],
    enabled: false,
    queryFn: () =>
      unwrap<StreamCheck>(api.GET('/audit/verify', { params: { query: { stream: streamId! } } })),
  });
  const [error, setError] = useState<unknown>(null);

  // The moment shown is kept in the address (?asOf=…, as the server reads it): reload,
  // back/forward and a shared link show the same state (before: the page forgot it, the address
  // staying …/history).
  const asOfInAddress = useLocation().query.get('asOf') ?? undefined;
  useEffect(() => {
    if (!history.data) return;
    if (asOfInAddress === undefined) {
      setAsOf(undefined);
      setPosition(null);
      setTyped('');
      setTypedError(null);
      setBeforeOpening(null);
      return;
    }
    const moment = momentInAddress(asOfInAddress);
    if (!moment) {
      setTyped(asOfInAddress);
      setTypedError(t('audit.badMoment'));
      return;
    }
    setTyped(formatDateTime(moment.iso));
    setTypedError(null);
    // Every event within the moment as written, as the server replays it: the time the history
    // shows for an event, typed back, includes that event.
    const index =
      history.data.events.filter((e) => Date.parse(e.recordedAt) <= moment.lastMs).length - 1;
    if (index < 0) {
      setBeforeOpening(formatDateTime(moment.iso));
      setPosition(0);
      return;
    }
    setBeforeOpening(null);
    setAsOf(moment.iso);
    setPosition(index);
  }, [asOfInAddress, history.data, t]);

  const moveTo = (index: number) => {
    setPosition(index);
    // The time the history shows: the server reads it as that whole millisecond, the event's own.
    const at = index === events.length - 1 ? undefined : events[index].recordedAt;
    setAsOf(at);
    setTyped(formatDateTime(events[index].recordedAt));
    setTypedError(null);
    setBeforeOpening(null);
    setQuery({ asOf: at }, true);
  };
  const applyTyped = (event: FormEvent) => {
    event.preventDefault();
    const moment = parseDateTime(typed);
    if (!moment) {
      setTypedError(t('audit.badMoment'));
      return;
    }
    setQuery({ asOf: moment.iso });
  };

  if (history.isPending || catalog.isPending) return <Loading />;
  if (history.error) return <ErrorBox error={history.error} />;
  const view = caseAsOf.data;
  const disciplineView = disciplineAsOf.data;
  // The history names its definition on every step: the timeline titles its corrections from it
  // without waiting for the as-of state (which reloads as the slider moves).
  const definitionKey =
    (isDiscipline ? disciplineView?.definition : view?.definition) ??
    events.find((e) => e.definitionVersion)?.definitionVersion;
  const definition = catalog.data?.definitions.find((d) => d.key === definitionKey);
  const slider = position ?? events.length - 1;
  return (
    <section>
      <h1>{t('audit.title', { id: caseId })}</h1>
      <div className="row wrap">
        <button type="button" onClick={() => void verify.refetch()}>
          {t('audit.verify')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void download(
              `/cases/${encodeURIComponent(caseId)}/history.csv?purpose=${encodeURIComponent(PURPOSE.audit)}`,
              `case-${caseId}-history.csv`,
              {
                excelBom: true,
              },
            ).catch(setError)
          }
        >
          {t('audit.exportCsv')}
        </button>
      </div>
      <CaseProofDownload caseId={caseId} />
      {verify.data && <HashCheckVerdict check={verify.data} />}
      <ErrorBox error={verify.error ?? error} outcomeOfSubmit={!verify.error} />
      <section className="card" aria-labelledby="as-of-title">
        <h2 id="as-of-title">{t('audit.asOf')}</h2>
        <div className="row wrap">
          <div className="field grow">
            <label htmlFor="as-of-slider" data-testid="as-of-position">
              {beforeOpening ? (
                t('audit.asOfBeforeFirst', { count: events.length })
              ) : (
                <>
                  {t('audit.asOfSlider')} {slider + 1}/{events.length}:{' '}
                  {events[slider] && (eventTypeName(t, events[slider].type) ?? events[slider].type)}
                </>
              )}
            </label>
            <input
              id="as-of-slider"
              type="range"
              min={0}
              max={Math.max(0, events.length - 1)}
              value={slider}
              onChange={(e) => moveTo(Number(e.target.value))}
            />
          </div>
          <form className="row" onSubmit={applyTyped}>
            <div className={`field${typedError ? ' has-error' : ''}`}>
              <label htmlFor="as-of-time">{t('audit.asOfInput')}</label>
              <input
                id="as-of-time"
                value={typed}
                placeholder="dd/mm/yyyy HH:mm:ss"
                onChange={(e) => setTyped(e.target.value)}
                aria-invalid={typedError ? true : undefined}
                aria-describedby={typedError ? 'as-of-time-error' : undefined}
              />
              {typedError && (
                <div className="field-error" id="as-of-time-error" role="alert">
                  {typedError}
                </div>
              )}
            </div>
            <button type="submit">{t('audit.asOfShow')}</button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setAsOf(undefined);
                setPosition(null);
                setTyped('');
                setTypedError(null);
                setBeforeOpening(null);
                setQuery({ asOf: undefined });
              }}
            >
              {t('audit.now')}
            </button>
          </form>
        </div>
        {beforeOpening ? (
          <p className="notice" role="status" data-testid="as-of-before-opening">
            {t('audit.notOpenYet', { moment: beforeOpening })}
          </p>
        ) : stateAsOf.isPending ? (
          <Loading />
        ) : stateAsOf.error ? (
          <ErrorBox error={stateAsOf.error} />
        ) : isDiscipline && disciplineView ? (
          <div data-testid="as-of-state">
            <DisciplineFacts view={disciplineView} />
            {/* What was decided, complained of and reviewed by then, as the case page shows it. */}
            <DisciplineOutcome view={disciplineView} />
            <DisciplineRecords view={disciplineView} definition={definition} />
          </div>
        ) : view ? (
          <div className="columns" data-testid="as-of-state">
            <CaseFacts view={view} />
            {definition && <ProcedureDiagram view={view} definition={definition} />}
          </div>
        ) : null}
        {!beforeOpening && !isDiscipline && view && (
          <StepRecords view={view} definition={definition} />
        )}
      </section>
      <h2>{t('audit.timeline')}</h2>
      <HistoryTimeline
        events={events}
        reached={slider}
        disagreements={verify.data?.historyDisagreements}
        steps={definition?.steps}
        about={
          isDiscipline
            ? (event) => (
                <DisciplineEventLine
                  event={event}
                  names={disciplineView?.names}
                  decidedForm={decidedForm(events)}
                />
              )
            : undefined
        }
      />
    </section>
  );
}
