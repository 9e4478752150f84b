import { useQuery } from '@tanstack/react-query';
import { getSession } from '../session';
import { unitsWithinGrant } from '../org-unit-tree';
import { api, unwrap, unwrapWithEtag } from './client';
import { Catalog, CaseView, OrgUnit, PersonSummary, Position } from './types';

export type CaseWithNames = CaseView & {
  names?: {
    people: Record<string, string>;
    positions: Record<string, string>;
    orgUnits: Record<string, string>;
  };
};

export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    // Only with a session: the sign-in page asked before anyone had signed in, and got a 401.
    enabled: getSession() !== null,
    queryFn: () => unwrap<Catalog>(api.GET('/catalog')),
    staleTime: Infinity,
  });
}

/**
 * The names of the units the signed-in user's grant reaches, by id, for the server's sentences
 * that name a unit (their own grant above all); a unit outside the grant keeps its id. The same
 * `GET /org-units` query the unit pickers read, once signed in.
 */
export function useOrgUnitNames() {
  return useQuery({
    queryKey: ['org-units'],
    enabled: getSession() !== null,
    queryFn: () => unwrap<OrgUnit[]>(api.GET('/org-units')),
    select: (units: OrgUnit[]) =>
      Object.fromEntries(unitsWithinGrant(units).map((u) => [u.id, u.name])),
    staleTime: 60_000,
  });
}

export function usePositions() {
  return useQuery({
    queryKey: ['positions'],
    queryFn: () => unwrap<Position[]>(api.GET('/positions', { params: { query: {} as never } })),
    staleTime: 60_000,
  });
}

/** People whose name matches what was typed (two characters at least), twenty at the most. */
export function usePeopleSearch(q: string) {
  return useQuery({
    queryKey: ['people', q],
    enabled: q.trim().length >= 2,
    queryFn: () =>
      unwrap<PersonSummary[]>(api.GET('/cadres', { params: { query: { q, limit: '20' } } })),
  });
}

/**
 * The units a case of `procedure` about the post may be opened in, as the server judges them
 * (case.unit_without_authority): its appointing authority, its own unit, the units above either,
 * and for an election nomination the Party committees of the post's territories. Without a
 * procedure, the units every procedure accepts.
 */
export function usePostCaseUnits(positionId: string, procedure: string) {
  return useQuery({
    queryKey: ['post-case-units', positionId, procedure],
    enabled: Boolean(positionId),
    staleTime: 60_000,
    queryFn: async () =>
      (
        await unwrap<{ orgUnitIds: string[] }>(
          api.GET('/positions/{id}/case-units', {
            params: {
              path: { id: positionId },
              query: procedure ? { procedure } : {},
            },
          }),
        )
      ).orgUnitIds,
  });
}

/** The posts a person holds now, read from their record for `purpose` (the access log's). */
export function usePostsHeld(personId: string, purpose: string) {
  return useQuery({
    queryKey: ['posts-held', personId],
    enabled: Boolean(personId),
    queryFn: async () =>
      (
        await unwrap<{ posts: { positionId: string }[] }>(
          api.GET('/cadres/{id}', {
            params: { path: { id: personId } },
            headers: { 'X-Purpose': purpose },
          }),
        )
      ).posts.map((post) => post.positionId),
  });
}

/**
 * A case (optionally as of a time); the revision comes from its ETag. `purpose`: why it is read,
 * for the access log (the audit screen's reads say "audit", as its history's does).
 */
export function useCase(caseId: string, asOf?: string, enabled = true, purpose?: string) {
  return useQuery({
    queryKey: ['case', caseId, asOf ?? null, ...(purpose ? [purpose] : [])],
    enabled,
    queryFn: async () => {
      const { data, etag } = await unwrapWithEtag<CaseWithNames>(
        api.GET('/cases/{id}', {
          params: { path: { id: caseId }, query: asOf ? { asOf } : {} },
          ...(purpose ? { headers: { 'X-Purpose': purpose } } : {}),
        }),
      );
      return { ...data, revision: etag ?? data.revision };
    },
  });
}

/** The posts a person is planned for now (their planning-pool entries), read for `purpose`. */
export function usePlanningPoolOf(personId: string, purpose: string) {
  return useQuery({
    queryKey: ['planning-pool-of', personId],
    enabled: Boolean(personId),
    queryFn: async () =>
      (
        await unwrap<{ planningPool: { positionId: string; term: string }[] }>(
          api.GET('/cadres/{id}', {
            params: { path: { id: personId } },
            headers: { 'X-Purpose': purpose },
          }),
        )
      ).planningPool,
  });
}
