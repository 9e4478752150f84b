import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { OrgUnit } from '../api/types';
import { getSession } from '../session';

/**
 * Whether the signed-in grant is a top-level unit's (no parent): the signed checkpoint and the
 * whole store's check cover the work of every unit, so the server refuses them to any other grant
 * (`scope.top_level_only`). Read from the same `GET /org-units` query the unit pickers share;
 * undefined while it loads, and when the caller's unit is not in the list (the server decides).
 */
export function useTopLevelGrant(): boolean | undefined {
  const session = getSession();
  const units = useQuery({
    queryKey: ['org-units'],
    enabled: session !== null,
    queryFn: () => unwrap<OrgUnit[]>(api.GET('/org-units')),
    staleTime: 60_000,
  });
  const own = units.data?.find((unit) => unit.id === session?.orgUnit);
  return own ? own.parentId === null : undefined;
}
