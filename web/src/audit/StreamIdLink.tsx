import { useTranslation } from 'react-i18next';
import { Link } from '../router';
import { streamHistory } from './stream-history-link';

/**
 * A stream named in the whole store's check: its id as the auditor looks it up, a link to the
 * case's or the person's history where there is one (before: the id alone, to be copied by hand).
 * The link's name says in Vietnamese whose history it opens, the id kept in it.
 */
export function StreamIdLink({ streamId }: { streamId: string }) {
  const { t } = useTranslation();
  const history = streamHistory(streamId);
  if (!history) return <span className="mono">{streamId}</span>;
  return (
    <Link
      to={history.path}
      className="mono"
      aria-label={t(`auditTools.streamHistory.${history.of}`, { id: history.id, streamId })}
    >
      {streamId}
    </Link>
  );
}
