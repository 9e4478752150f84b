import { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { components } from '../api/schema';
import { titleOf } from '../pages/case-title';
import { Link } from '../router';

/**
 * A case named in a sentence the app shows ("(hồ sơ c-…)", "hồ sơ kỷ luật d-…"): a case id has a
 * dash between its parts, which "hồ sơ này" or "hồ sơ giấy" have not.
 */
const CASE_REFERENCE = /(hồ sơ (kỷ luật )?)([A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)/gu;

/** How a case a sentence names reads: its title (`hint`: its id), or that the grant does not reach it. */
export interface CaseName {
  text: string;
  hint: string;
  outside: boolean;
  discipline: boolean;
}

/**
 * The cases a record's sentences name, as the server said them beside it (`caseTitles`): a case
 * it did not say (the case list a moment behind) reads by its id, as before.
 */
export function caseNamesFrom(titles: components['schemas']['CaseTitleDto'][], t: TFunction) {
  const byId = new Map(titles.map((title) => [title.caseId, title]));
  return (id: string): CaseName | undefined => {
    const named = byId.get(id);
    const hint = t('case.reference', { id });
    if (named && !named.withinGrant)
      return { text: t('case.outsideGrant'), hint, outside: true, discipline: false };
    if (!named?.procedure) return undefined;
    const person = named.personName ?? named.personId ?? null;
    const post = named.positionTitle ?? named.positionId ?? null;
    const text = titleOf({ ...named, procedure: named.procedure, person, post }, t);
    return { text, hint, outside: false, discipline: named.procedure === 'discipline' };
  };
}

/**
 * The sentence with each case it names as a link to that case (before: plain text, the id to be
 * copied by hand), read by its title when `nameOf` knows it, its id a hint (before: the bare id).
 * A case outside the reader's grant is no link: its page answers 403. A discipline case opens on
 * its own page: "hồ sơ kỷ luật" says so, or the caller knows the id as one.
 */
export function withCaseLinks(
  text: string,
  isDisciplineCase: (id: string) => boolean,
  nameOf: (id: string) => CaseName | undefined = () => undefined,
): ReactNode {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(CASE_REFERENCE)) {
    const [, lead, discipline, id] = match;
    const start = match.index + lead.length;
    const name = nameOf(id);
    const page =
      discipline || isDisciplineCase(id) || name?.discipline ? 'discipline-cases' : 'cases';
    nodes.push(
      text.slice(last, start),
      name?.outside ? (
        <span key={start} className="muted" title={name.hint}>
          {name.text}
        </span>
      ) : name ? (
        <span key={start}>
          «
          <Link to={`/${page}/${id}`} title={name.hint}>
            {name.text}
          </Link>
          »
        </span>
      ) : (
        <Link key={start} to={`/${page}/${id}`}>
          {id}
        </Link>
      ),
    );
    last = start + id.length;
  }
  if (nodes.length === 0) return text;
  nodes.push(text.slice(last));
  return <>{nodes}</>;
}

/**
 * A discipline case named on its own (the one a discipline shares its violation with): by its
 * title, the id a hint, as a link to its page (before: the bare id, no link); outside the grant, no
 * link and unnamed.
 */
export function CaseNamed({ id, name }: { id: string; name: CaseName | undefined }) {
  if (name?.outside)
    return (
      <span className="muted" title={name.hint}>
        {name.text}
      </span>
    );
  return (
    <Link to={`/discipline-cases/${id}`} title={name?.hint}>
      {name?.text ?? id}
    </Link>
  );
}
