import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { afterRecordWrite } from '../api/record-queries';
import { ErrorBox } from '../components/common';
import { useFocusOnSuccess } from '../components/focus-on-success';
import { useReasonText } from '../server-text/use-reason-text';
import { Link, navigate, useLocation } from '../router';
import { getSession } from '../session';
import { BatchCheck, checkBatch } from './transfer-batch-check';
import { BatchEntry, LineProblem } from './transfer-batch-names';

type Entry = BatchEntry;
type Problem = LineProblem;

interface Progress {
  batchId: string;
  status: 'opening' | 'opened' | 'stopped';
  total: number;
  opened: number;
  openedNow?: number;
  caseIds: string[];
  /** The first cases, with whom and which post each is about. */
  cases?: BatchCase[];
  stoppedBecause: { rule: string; message: string } | null;
}

interface BatchCase {
  caseId: string;
  personId: string;
  personName: string | null;
  positionId: string | null;
  positionTitle: string | null;
  /** The post the person leaves (null from an older batch, or an older server). */
  leavesPositionId?: string | null;
  leavesPositionTitle?: string | null;
}

/** The cases the page lists: as the server names them, else (an older answer) by id alone. */
const listedCases = (progress: Progress): BatchCase[] =>
  progress.cases ??
  progress.caseIds.slice(0, 50).map((caseId) => ({
    caseId,
    personId: '',
    personName: null,
    positionId: null,
    positionTitle: null,
  }));

const COLUMNS = ['personId', 'currentPositionId', 'positionId', 'orgUnitId', 'reason'] as const;

/**
 * One entry a line, its five cells separated by tabs (pasted from a spreadsheet) or commas: each
 * an id, or a name (full name, post title, unit name) turned into one before the check.
 */
export function parseEntries(text: string): Entry[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !/^(mã cán bộ|họ (và )?tên|personid)/i.test(line))
    .map((line) => {
      const cells = line.includes('\t') ? line.split('\t') : line.split(',');
      const [personId, currentPositionId, positionId, orgUnitId, ...reason] = cells.map((c) =>
        c.trim(),
      );
      return {
        personId: personId ?? '',
        currentPositionId: currentPositionId ?? '',
        positionId: positionId ?? '',
        orgUnitId: orgUnitId ?? '',
        reason: reason.join(line.includes('\t') ? ' ' : ',').trim(),
      };
    });
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  const session = getSession();
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new ApiError(
      response.status,
      typeof json.rule === 'string' ? json.rule : undefined,
      typeof json.message === 'string' ? json.message : `${response.status}`,
      typeof json.field === 'string' ? json.field : undefined,
      json,
    );
  return json as T;
}

function ProblemsTable({ problems }: { problems: Problem[] }) {
  const { t } = useTranslation();
  // A row's problem is the server's sentence: the reader gets it in their language.
  const reasonText = useReasonText();
  return (
    <table className="grid" data-testid="batch-errors">
      <caption>{t('transferBatch.errors')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('transferBatch.line')}</th>
          <th scope="col">{t('transferBatch.field')}</th>
          <th scope="col">{t('transferBatch.problem')}</th>
          <th scope="col">{t('transferBatch.rule')}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p) => (
          <tr key={`${p.index}-${p.field}-${p.rule}`}>
            <td>{p.index + 1}</td>
            <td>
              {t(`transferBatch.columns.${p.field.replace(/^entries\[\d+\]\./, '')}`, p.field)}
            </td>
            <td>{reasonText(p.message)}</td>
            {/* The rule by its title; its code, which staff may quote, on hover. */}
            <td className="muted" title={p.rule}>
              {t(`rules.${p.rule}`, { defaultValue: p.rule })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Điều động hàng loạt: a reorganisation's list of transfers, checked, then opened as one batch. */
export function TransferBatchPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [batchId, setBatchId] = useState('');
  const [check, setCheck] = useState<BatchCheck | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  // The batch this form opened (not one shown again from the address): focus goes to its progress.
  const [openedHere, setOpenedHere] = useState<string | null>(null);
  const progressRef = useFocusOnSuccess<HTMLDivElement>(openedHere);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const queryClient = useQueryClient();
  // The batch opened is kept in the address (`?batch=`): back from one of its cases, its
  // progress and cases are read again instead of an empty form.
  const { query } = useLocation();
  const shownBatch = query.get('batch');
  useEffect(() => {
    if (!shownBatch || progress) return;
    call<Progress>(`/transfer-batches/${encodeURIComponent(shownBatch)}`)
      .then(setProgress)
      .catch(setError);
  }, [shownBatch, progress]);
  const entries = parseEntries(text);
  // Opened as checked: with the ids the names were turned into.
  const body = () => ({ ...(batchId ? { id: batchId } : {}), entries: check?.entries ?? entries });

  // While the batch opens, its progress is read from the service (the chunks written so far).
  useEffect(() => {
    if (!opening || !check) return;
    const timer = setInterval(() => {
      call<Progress>(`/transfer-batches/${encodeURIComponent(check.batchId)}`)
        .then(setProgress)
        .catch(() => undefined);
    }, 500);
    return () => clearInterval(timer);
  }, [opening, check]);

  const dryRun = async () => {
    setError(null);
    setProgress(null);
    try {
      setCheck(await checkBatch(entries, batchId, call));
    } catch (e) {
      setCheck(null);
      setError(e);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setOpening(true);
    try {
      const opened = await call<Progress>('/transfer-batches', body());
      setProgress(opened);
      setOpenedHere(opened.batchId);
      await afterRecordWrite(queryClient);
      navigate(`/transfer-batches?batch=${encodeURIComponent(opened.batchId)}`, true);
    } catch (e) {
      setError(e);
      // Refused part-way, the batch is on record as stopped: shown with its reason, and kept in
      // the address like an opened one.
      if (e instanceof ApiError && e.rule === 'transfer_batch.conflict' && check)
        await showStopped(check.batchId);
    } finally {
      setOpening(false);
    }
  };
  const showStopped = async (id: string) => {
    const stopped = await call<Progress>(`/transfer-batches/${encodeURIComponent(id)}`).catch(
      () => null,
    );
    if (!stopped) return;
    setProgress(stopped);
    navigate(`/transfer-batches?batch=${encodeURIComponent(id)}`, true);
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setCheck(null);
  };
  const refused =
    error instanceof ApiError && Array.isArray(error.body.errors)
      ? (error.body.errors as Problem[])
      : null;

  return (
    <section>
      <h1>{t('transferBatch.title')}</h1>
      <p>{t('transferBatch.intro')}</p>
      <form className="card" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="batch-id">{t('transferBatch.batchId')}</label>
          <input id="batch-id" value={batchId} onChange={(e) => setBatchId(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="batch-file">{t('transferBatch.file')}</label>
          <input
            id="batch-file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </div>
        <div className="field">
          <label htmlFor="batch-entries">{t('transferBatch.entries')}</label>
          <textarea
            id="batch-entries"
            rows={8}
            value={text}
            placeholder={COLUMNS.map((c) => t(`transferBatch.columns.${c}`)).join(' ⇥ ')}
            onChange={(e) => {
              setText(e.target.value);
              setCheck(null);
            }}
          />
          <p className="muted">{t('transferBatch.count', { count: entries.length })}</p>
        </div>
        <div className="row">
          <button type="button" disabled={!entries.length || opening} onClick={() => void dryRun()}>
            {t('transferBatch.dryRun')}
          </button>
          <button type="submit" disabled={!check?.valid || opening}>
            {t('transferBatch.submit')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} outcomeOfSubmit />
      {check && !progress && (
        <div className={check.valid ? 'notice' : 'warning'} role="status" data-testid="batch-check">
          {check.valid
            ? t('transferBatch.valid', { total: check.total, batchId: check.batchId })
            : t('transferBatch.invalid', { count: check.errors.length })}
        </div>
      )}
      {check && check.errors.length > 0 && <ProblemsTable problems={check.errors} />}
      {refused && refused.length > 0 && <ProblemsTable problems={refused} />}
      {progress && (
        <div
          className={progress.stoppedBecause ? 'warning' : 'notice'}
          role="status"
          data-testid="batch-progress"
          tabIndex={-1}
          ref={progressRef}
        >
          <progress value={progress.opened} max={progress.total} />{' '}
          {t('transferBatch.progress', { opened: progress.opened, total: progress.total })}
          {progress.status === 'opened' && progress.openedNow === 0 && (
            <> {t('transferBatch.nothingNew')}</>
          )}
          {progress.stoppedBecause && (
            <p data-testid="batch-stopped">
              {t('transferBatch.stopped', {
                reason: t(`rules.${progress.stoppedBecause.rule}`, {
                  defaultValue: progress.stoppedBecause.message,
                }),
              })}{' '}
              <span className="muted">{progress.stoppedBecause.rule}</span>
            </p>
          )}
        </div>
      )}
      {progress && progress.caseIds.length > 0 && (
        <ul data-testid="batch-cases">
          {/* Each case by its person, the post they leave and the one they move to. */}
          {listedCases(progress).map((c) => (
            <li key={c.caseId}>
              <Link to={`/cases/${c.caseId}`}>{c.personName ?? (c.personId || c.caseId)}</Link>
              {(c.leavesPositionTitle ?? c.leavesPositionId) &&
                `: ${t('transferBatch.leaves', { post: c.leavesPositionTitle ?? c.leavesPositionId })}`}
              {(c.positionTitle ?? c.positionId) &&
                ` → ${t('transferBatch.movesTo', { post: c.positionTitle ?? c.positionId })}`}{' '}
              <span className="muted">({c.caseId})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
