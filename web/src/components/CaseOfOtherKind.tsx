import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Link } from '../router';

/** The pages of the two engines' cases, by the route the server names (identity/case-kind.ts). */
const PAGES = [
  { kind: 'discipline', route: '/discipline-cases/' },
  { kind: 'case', route: '/cases/' },
] as const;

/**
 * Where a case of the other engine is read, when the server refused its id as `case.other_kind`
 * (an appointment's id opened at /discipline-cases/…, or the reverse): the page's route, its kind
 * and id; null for any other refusal, or a path that is none of the two pages.
 */
export function caseOfOtherKind(
  error: unknown,
): { kind: (typeof PAGES)[number]['kind']; id: string; path: string } | null {
  if (!(error instanceof ApiError) || error.rule !== 'case.other_kind') return null;
  const path = error.body.path;
  if (typeof path !== 'string') return null;
  const page = PAGES.find((p) => path.startsWith(p.route) && path.length > p.route.length);
  if (!page) return null;
  const id = path.slice(page.route.length);
  return /^[^/?#]+$/.test(id) ? { kind: page.kind, id, path } : null;
}

/**
 * The refusal in a sentence with a link to the page the case is read on (before: the server's
 * English message, its path bare: "… is a case, not a discipline case: it is read at /cases/c-1").
 */
export function CaseOfOtherKind({
  found,
}: {
  found: NonNullable<ReturnType<typeof caseOfOtherKind>>;
}) {
  const { t } = useTranslation();
  return (
    <div className="error" role="alert" data-testid="case-other-kind">
      <strong>{t('rules.case.other_kind')}</strong> —{' '}
      {t(`case.otherKind.${found.kind}`, { id: found.id })}{' '}
      <Link to={found.path}>{t(`case.otherKindLink.${found.kind}`, { id: found.id })}</Link>
    </div>
  );
}
