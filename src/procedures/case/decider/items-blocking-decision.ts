import { CaseFacts } from './case.state';

/**
 * The vetting items that hold the decision back: flagged and not resolved. The decision refuses
 * while any is open (vetting.flagged_item_blocks_decision), so the case view does not offer it.
 */
export function itemsBlockingDecision(vetting: CaseFacts['vetting']) {
  return Object.values(vetting).filter((entry) => entry.result === 'flagged' && !entry.resolved);
}
