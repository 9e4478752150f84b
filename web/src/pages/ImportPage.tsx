import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, download } from '../api/client';
import { ErrorBox } from '../components/common';
import { useFocusOnSuccess } from '../components/focus-on-success';
import { useReasonText } from '../server-text/use-reason-text';
import { getSession } from '../session';

const KINDS = ['people', 'posts', 'planning', 'discipline', 'cases', 'caseSteps'] as const;

interface RowProblem {
  sheet: string;
  line: number;
  column: string | null;
  cell?: string;
  rule: string;
  message: string;
}

interface ImportReport {
  dryRun: boolean;
  valid: boolean;
  file: { name: string; format: string };
  counts: Record<(typeof KINDS)[number], { rows: number; written: number; unchanged: number }>;
  errors: RowProblem[];
  /** Every problem of the file; `errors` lists the first of them, `errorsNotListed` the rest. */
  errorCount: number;
  errorsNotListed: number;
}

/** The problems an answer lists (a dry run's report, or a refused import's body). */
interface Problems {
  errors: RowProblem[];
  errorsNotListed?: number;
}

/** Sends the file as multipart/form-data (openapi-fetch speaks JSON): the report, or the refusal. */
async function upload(file: File, dryRun: boolean): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const session = getSession();
  const response = await fetch(`/imports${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    body: form,
    headers: {
      Accept: 'application/json',
      // The refusal's title in the reader's language, as every other call asks (client.ts).
      'Accept-Language': document.documentElement.lang === 'en' ? 'en' : 'vi',
      ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
    },
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new ApiError(
      response.status,
      typeof body.rule === 'string' ? body.rule : undefined,
      typeof body.message === 'string' ? body.message : `${response.status}`,
      typeof body.field === 'string' ? body.field : undefined,
      body,
    );
  return body as unknown as ImportReport;
}

/** Every problem of every row, in the file's order; past the listed ones, how many more. */
function ProblemsTable({
  problems: { errors: problems, errorsNotListed = 0 },
}: {
  problems: Problems;
}) {
  const { t } = useTranslation();
  // A row's problem is the server's sentence: the reader gets it in their language.
  const reasonText = useReasonText();
  return (
    <>
      <table className="grid" data-testid="import-errors">
        <caption>{t('imports.errors')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.sheet')}</th>
            <th scope="col">{t('imports.line')}</th>
            <th scope="col">{t('imports.column')}</th>
            <th scope="col">{t('imports.cell')}</th>
            <th scope="col">{t('imports.problem')}</th>
            <th scope="col">{t('imports.rule')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr key={`${p.sheet}-${p.line}-${p.column}-${p.rule}`}>
              <td>{p.sheet}</td>
              <td>{p.line}</td>
              <td>{p.column ?? '—'}</td>
              <td>{p.cell ?? '—'}</td>
              <td>{reasonText(p.message)}</td>
              {/* The rule by its title; its code, which staff may quote, on hover. */}
              <td className="muted" title={p.rule}>
                {t(`rules.${p.rule}`, { defaultValue: p.rule })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {errorsNotListed > 0 && (
        <p className="warning" data-testid="import-errors-not-listed">
          {t('imports.notListed', { listed: problems.length, count: errorsNotListed })}
        </p>
      )}
    </>
  );
}

function CountsTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <table className="grid" data-testid="import-counts">
      <caption>{t('imports.counts')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('imports.kind')}</th>
          <th scope="col">{t('imports.rows')}</th>
          <th scope="col">{t(report.dryRun ? 'imports.toWrite' : 'imports.written')}</th>
          <th scope="col">{t('imports.unchanged')}</th>
        </tr>
      </thead>
      <tbody>
        {KINDS.map((kind) => (
          <tr key={kind}>
            <th scope="row">{t(`imports.kinds.${kind}`)}</th>
            <td>{report.counts[kind].rows}</td>
            <td>{report.counts[kind].written}</td>
            <td>{report.counts[kind].unchanged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Nhập dữ liệu: the registry a unit kept on paper, from the spreadsheet template; a dry run first. */
export function ImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await upload(file, dryRun));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(false);
  };
  // The buttons are disabled while the file is sent, which drops the focus: it goes on from the
  // outcome, a dry run's verdict or the import done (a refusal keeps it where it is).
  const resultRef = useFocusOnSuccess<HTMLDivElement>(report);
  // A refused file (422 bad rows, 403 out of scope) lists its problems like a dry run does.
  const refused =
    error instanceof ApiError && Array.isArray(error.body.errors)
      ? (error.body as unknown as Problems)
      : null;

  return (
    <section>
      <h1>{t('imports.title')}</h1>
      <p>{t('imports.intro')}</p>
      <p>{t('imports.casesNote')}</p>
      <p>
        <button
          type="button"
          className="link"
          onClick={() =>
            void download('/imports/template', 'mau-nhap-du-lieu-can-bo.xlsx').catch(setError)
          }
        >
          {t('imports.template')}
        </button>
      </p>
      <form className="card" onSubmit={submit}>
        <div className="field">
          <label htmlFor="import-file">{t('imports.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setError(null);
            }}
          />
        </div>
        <div className="row">
          <button type="button" disabled={!file || busy} onClick={() => void run(true)}>
            {t('imports.dryRun')}
          </button>
          <button type="submit" disabled={!file || busy || !report?.valid || !report.dryRun}>
            {t('imports.submit')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} outcomeOfSubmit />
      {report && (
        <div
          className={report.valid ? 'notice' : 'warning'}
          role="status"
          data-testid="import-result"
          ref={resultRef}
          tabIndex={-1}
        >
          {!report.dryRun
            ? t('imports.done', { name: report.file.name })
            : report.valid
              ? t('imports.valid')
              : t('imports.invalid', { count: report.errorCount })}
        </div>
      )}
      {report && <CountsTable report={report} />}
      {report && report.errors.length > 0 && <ProblemsTable problems={report} />}
      {refused && refused.errors.length > 0 && <ProblemsTable problems={refused} />}
    </section>
  );
}
