import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Session } from '../session';
import { ErrorBox } from './common';

/**
 * A page whose routes allow none of the caller's roles says so up front, as /reports and
 * /discipline-records do when their first read is refused (before: /audit offered «Mở lịch sử»
 * and the export to a ballot secretary, whose click came back 403). The refusal is the server's
 * own `role.not_allowed` sentence, read the same way as one that came back.
 */
export function ForRoles({
  session,
  allowed,
  title,
  children,
}: {
  session: Session;
  allowed: string[];
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (session.roles.some((role) => allowed.includes(role))) return <>{children}</>;
  const refusal = new ApiError(
    403,
    'role.not_allowed',
    `this route is for ${allowed.join(', ')}; you act as ${session.roles.join(', ') || 'no role'}`,
    undefined,
    { title: t('app.roleNotAllowed') },
  );
  return (
    <section>
      <h1>{title}</h1>
      <ErrorBox error={refusal} />
    </section>
  );
}
