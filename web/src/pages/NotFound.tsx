import { useTranslation } from 'react-i18next';
import { Link } from '../router';
import { can, Session } from '../session';

/**
 * An address the app has no page for, said as such (before: the start page under the bad address,
 * so a mistyped or stale link looked like it had worked). The way back leads to the inbox when the
 * role has one, otherwise to the start page.
 */
export function NotFound({ session, path }: { session: Session; path: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('app.notFound')}</h1>
      <p>{t('app.notFoundBody', { path })}</p>
      <p>
        {can.inbox(session) ? (
          <Link to="/inbox">{t('app.toInbox')}</Link>
        ) : (
          <Link to="/">{t('app.toHome')}</Link>
        )}
      </p>
    </section>
  );
}
