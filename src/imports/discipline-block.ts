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
 * «Cán bộ» a cadre's, «Công chức» a civil servant's (the rules' `civil_servant`: the forms kept
 * for civil servants taken, recall refused). Before, «Công chức» named none and a person the record
 * shows elected was judged as a cadre under it, while the register listed the decision as a civil
 * servant's; such a row is now refused at «Khối», as an opening refuses the status
 * (`refuseImportedForm`).
 */
export function trackOfBlock(block: DisciplineBlock): {
  track: DisciplineTrack;
  serviceStatus?: ServiceStatus;
} {
  if (block === 'cadre') return { track: 'civil_service', serviceStatus: 'cadre' };
  if (block === 'civil_service') return { track: 'civil_service', serviceStatus: 'civil_servant' };
  return { track: block };
}
