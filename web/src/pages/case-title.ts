import { useEffect } from 'react';
import { TFunction } from 'i18next';
import { CaseWithNames } from '../api/hooks';
import { procedureKey } from '../procedure-key';

/**
 * A case as a reader names it, as the inbox lists it: its procedure, whom it is about and the post
 * (`Bổ nhiệm — Lê Văn Cường — Phó Chủ tịch UBND phường`). A case opened for a post is about the
 * nominee its ballot chose, once chosen. Before, the page's heading and the browser's tab read
 * "Hồ sơ c-3f9a…", the id the system gave it, which says nothing to staff.
 */
export function caseTitle(view: CaseWithNames, t: TFunction): string {
  const personId = view.personId || view.appointee || '';
  const person = personId ? (view.names?.people[personId] ?? personId) : null;
  const post = view.positionId ? (view.names?.positions[view.positionId] ?? view.positionId) : null;
  return titleOf({ ...view, person, post }, t);
}

/** The case's title from its parts: the procedure (by its definition), whom it is about, the post. */
export function titleOf(
  parts: {
    procedure: string;
    definition?: string | null;
    person: string | null;
    post: string | null;
  },
  t: TFunction,
): string {
  const procedure = t(`procedure.${procedureKey(parts.procedure, parts.definition)}`, {
    defaultValue: parts.procedure,
  });
  return [procedure, parts.person, parts.post].filter(Boolean).join(' — ');
}

/**
 * The browser's tab reads the case's title once it is known, its id until then (`idKey`: how the
 * id reads, `discipline.title` for a discipline case).
 */
export function useCaseDocumentTitle(
  caseId: string,
  title: string | null,
  t: TFunction,
  idKey = 'case.title',
): void {
  useEffect(() => {
    document.title = `${title ?? t(idKey, { id: caseId })} — ${t('app.title')}`;
  }, [caseId, title, t, idKey]);
}
