import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../api/client';
import { useCatalog } from '../api/hooks';
import { AuditEntry } from '../api/types';
import { Link } from '../router';
import { procedureKey } from '../procedure-key';
import { ErrorBox, Loading } from '../components/common';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { HashCheckVerdict, StreamCheck } from '../components/HashCheckVerdict';
import { PURPOSE } from '../purposes';

/** The kind of a person's own stream (`cadre-<id>`); every other stream in their history is a case. */
const PERSON_STREAM_KIND = 'cadre';

/** `appointment-a-1` → its kind and the case id (kinds never hold a hyphen, ids may). */
function streamParts(streamId: string): { kind: string; id: string } {
  const dash = streamId.indexOf('-');
  return dash > 0
    ? { kind: streamId.slice(0, dash), id: streamId.slice(dash + 1) }
    : { kind: streamId, id: streamId };
}

/** Where one event of the person's history belongs: their own record, or a case with its history. */
function EventSource({ event }: { event: AuditEntry }) {
  const { t } = useTranslation();
  const { kind, id } = streamParts(event.streamId);
  return (
    <p className="muted" data-testid="history-source">
      {kind === PERSON_STREAM_KIND ? (
        t('personHistory.ownRecord')
      ) : (
        <>
          {/* By its definition too, as the case page reads it: a resignation is "Từ chức", a
              transfer "Điều động", not their stream's kind (removal, rotation). */}
          {t(`procedure.${procedureKey(kind, event.definitionVersion)}`, { defaultValue: kind })}:{' '}
          <Link to={`/cases/${encodeURIComponent(id)}/history`}>
            {t('personHistory.case', { id })}
          </Link>
        </>
      )}
    </p>
  );
}

/**
 * A person's history for the auditor (`GET /cadres/:id/history`): their own record's events and
 * every event of the cases about them, in order, as far as the reader's grant reaches, with
 * ballot counts withheld as the case history withholds them.
 */
export function PersonHistory({ personId }: { personId: string }) {
  const { t } = useTranslation();
  // The definitions name each case's steps: a correction's step is read by its title.
  const catalog = useCatalog();
  const person = useQuery({
    queryKey: ['person', personId],
    queryFn: () =>
      unwrap<{ fullName: string }>(
        api.GET('/cadres/{id}', {
          params: { path: { id: personId } },
          headers: { 'X-Purpose': PURPOSE.audit },
        }),
      ),
  });
  const history = useQuery({
    queryKey: ['person-history', personId],
    queryFn: () =>
      unwrap<{ id: string; events: AuditEntry[] }>(
        api.GET('/cadres/{id}/history', {
          params: { path: { id: personId } },
          headers: { 'X-Purpose': PURPOSE.audit },
        }),
      ),
  });
  // The person's own stream's hash check, as a case's audit page checks the case's: its chain,
  // the latest signed checkpoint and the audit history, red «Bị sửa đổi» when any one parts.
  const verify = useQuery({
    queryKey: ['verify', `${PERSON_STREAM_KIND}-${personId}`],
    enabled: false,
    queryFn: () =>
      unwrap<StreamCheck>(
        api.GET('/audit/verify', {
          params: { query: { stream: `${PERSON_STREAM_KIND}-${personId}` } },
        }),
      ),
  });
  // The API answers 404 for a person nothing has been recorded about yet.
  const nothingYet = history.error instanceof ApiError && history.error.status === 404;
  return (
    <section>
      <h1>
        {t('person.history')}: {person.data?.fullName ?? personId}
      </h1>
      <p>
        <Link to={`/cadres/${encodeURIComponent(personId)}`}>{t('personHistory.back')}</Link>
      </p>
      <div className="row wrap">
        <button type="button" onClick={() => void verify.refetch()}>
          {t('personHistory.verify')}
        </button>
      </div>
      <p className="muted small">{t('personHistory.verifyScope')}</p>
      {verify.data && <HashCheckVerdict check={verify.data} />}
      <ErrorBox error={verify.error} />
      {/* The timeline waits for the catalog too: drawn before it, a step shows its id first. */}
      {history.isPending || catalog.isPending ? (
        <Loading />
      ) : nothingYet ? (
        <p className="notice">{t('personHistory.empty')}</p>
      ) : history.error ? (
        <ErrorBox error={history.error} />
      ) : (
        <>
          <h2>{t('audit.timeline')}</h2>
          <HistoryTimeline
            events={history.data.events}
            disagreements={verify.data?.historyDisagreements}
            definitions={catalog.data?.definitions}
            about={(event) => <EventSource event={event} />}
          />
        </>
      )}
    </section>
  );
}
