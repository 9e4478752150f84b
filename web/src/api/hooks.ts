import { useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from './client';
import { Catalog, CaseView, Position } from './types';

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
    queryFn: () => unwrap<Catalog>(api.GET('/catalog')),
    staleTime: Infinity,
  });
}

export function usePositions() {
  return useQuery({
    queryKey: ['positions'],
    queryFn: () => unwrap<Position[]>(api.GET('/positions', { params: { query: {} as never } })),
    staleTime: 60_000,
  });
}

/** A case (optionally as of a time); the revision comes from its ETag. */
export function useCase(caseId: string, asOf?: string) {
  return useQuery({
    queryKey: ['case', caseId, asOf ?? null],
    queryFn: async () => {
      const { data, etag } = await unwrapWithEtag<CaseWithNames>(
        api.GET('/cases/{id}', {
          params: { path: { id: caseId }, query: asOf ? { asOf } : {} },
        }),
      );
      return { ...data, revision: etag ?? data.revision };
    },
  });
}
