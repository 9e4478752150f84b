import { ReactNode } from 'react';
import { Link } from '../router';

/**
 * A case named in a sentence the app shows ("(hồ sơ c-…)", "hồ sơ kỷ luật d-…"): a case id has a
 * dash between its parts, which "hồ sơ này" or "hồ sơ giấy" have not.
 */
const CASE_REFERENCE = /(hồ sơ (kỷ luật )?)([A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)/gu;

/**
 * The sentence with each case it names as a link to that case (before: plain text, the id to be
 * copied by hand). A discipline case opens on its own page: "hồ sơ kỷ luật" says so, or the
 * caller knows the id as one.
 */
export function withCaseLinks(text: string, isDisciplineCase: (id: string) => boolean): ReactNode {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(CASE_REFERENCE)) {
    const [, lead, discipline, id] = match;
    const start = match.index + lead.length;
    const page = discipline || isDisciplineCase(id) ? 'discipline-cases' : 'cases';
    nodes.push(
      text.slice(last, start),
      <Link key={start} to={`/${page}/${id}`}>
        {id}
      </Link>,
    );
    last = start + id.length;
  }
  if (nodes.length === 0) return text;
  nodes.push(text.slice(last));
  return <>{nodes}</>;
}
