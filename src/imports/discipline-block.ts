import { DisciplineTrack, ServiceStatus } from '../procedures/discipline/discipline.events';

/**
 * A discipline row's «Khối», as the register names a decision's: Đảng, or on the State track whom
 * it disciplined, Cán bộ (an elected or appointed official) or Công chức. The cell takes the
 * label or the code (`party`, `cadre`, `civil_service`).
 */
export type DisciplineBlock = 'party' | 'cadre' | 'civil_service';

export const DISCIPLINE_BLOCKS: Record<string, DisciplineBlock> = {
  Đảng: 'party',
  'Cán bộ': 'cadre',
  'Công chức': 'civil_service',
};

/**
 * The track a block is on and the status it names, as a discipline case's `serviceStatus`:
 * «Cán bộ» a cadre's; «Công chức», the one State block of files made before «Cán bộ» was, names
 * none, so the person's record still says (an elected cadre's recall is judged as a cadre's).
 */
export function trackOfBlock(block: DisciplineBlock): {
  track: DisciplineTrack;
  serviceStatus?: ServiceStatus;
} {
  if (block === 'cadre') return { track: 'civil_service', serviceStatus: 'cadre' };
  return { track: block };
}
