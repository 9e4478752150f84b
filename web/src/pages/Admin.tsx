import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { usePositions } from '../api/hooks';
import { formatDateTime } from '../dates';
import { ErrorBox, Loading } from '../components/common';
import { useOrgUnits } from './Inbox';

interface DeadLetter {
  id: string;
  source: string;
  jobName: string;
  errorMessage: string;
  attempts: number;
  status: string;
  lastFailedAt: string;
}

/** Admin: dead letters with replay; the org unit tree and the posts. */
export function Admin() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const letters = useQuery({
    queryKey: ['dead-letters'],
    queryFn: () =>
      unwrap<{ items: DeadLetter[] } | DeadLetter[]>(api.GET('/admin/dead-letters', {})),
  });
  const units = useOrgUnits();
  const positions = usePositions();
  const items = Array.isArray(letters.data) ? letters.data : (letters.data?.items ?? []);
  const replay = async (id: string) => {
    setError(null);
    try {
      await unwrap(api.POST('/admin/dead-letters/{id}/replay', { params: { path: { id } } }));
      await queryClient.invalidateQueries({ queryKey: ['dead-letters'] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <h2>{t('admin.deadLetters')}</h2>
      <ErrorBox error={error ?? letters.error} />
      {letters.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('app.none')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">{t('admin.error')}</th>
              <th scope="col">{t('admin.attempts')}</th>
              <th scope="col">{t('case.status')}</th>
              <th scope="col">{t('audit.accessWhen')}</th>
              <th scope="col">
                <span className="sr-only">{t('admin.replay')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.source} · {d.jobName}
                </td>
                <td>{d.errorMessage}</td>
                <td>{d.attempts}</td>
                <td>{d.status}</td>
                <td>{formatDateTime(d.lastFailedAt)}</td>
                <td>
                  {d.status !== 'replayed' && (
                    <button type="button" onClick={() => void replay(d.id)}>
                      {t('admin.replay')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('admin.units')}</h2>
      <ul className="tree">
        {(units.data ?? []).map((u) => (
          <li key={u.id} style={{ paddingLeft: `${(u.path.length - 1) * 1.25}rem` }}>
            {u.name} <span className="muted mono">{u.id}</span>
          </li>
        ))}
      </ul>
      <h2>{t('admin.positions')}</h2>
      <ul>
        {(positions.data ?? []).map((p) => (
          <li key={p.id}>
            {p.title} <span className="muted mono">{p.id}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
