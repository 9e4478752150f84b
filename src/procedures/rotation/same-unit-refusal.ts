import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/**
 * Rotation (luân chuyển) moves a cadre to another agency, unit, level or locality (Quy định
 * 65-QĐ/TW, 2019, as restated by thuvienphapluat.vn and the Party's press; the instrument's own
 * text not checked here): a post in the unit of a post the person holds now is a promotion or a
 * move within the unit (bổ nhiệm, điều động), not a rotation. Before, a deputy head rotated to the
 * head of the same unit was opened and decided.
 */
export function refuseRotationWithinOwnUnit(
  target: { id: string; orgUnitId: string },
  postsHeld: readonly { positionId: string; orgUnitId: string }[],
): void {
  // The post itself held is refused as such (appointment.already_holds_post), not as its unit.
  const same = postsHeld.find(
    (post) => post.orgUnitId === target.orgUnitId && post.positionId !== target.id,
  );
  if (!same) return;
  throw new DomainRuleViolation(
    'rotation.same_unit',
    `positionId: ${target.id} is in ${target.orgUnitId}, the unit of ${same.positionId} the person holds now; a rotation moves a cadre to another agency, unit, level or locality (Quy định 65-QĐ/TW): appoint or transfer within the unit instead`,
    'unprocessable',
    'positionId',
    { orgUnitId: target.orgUnitId, heldPositionId: same.positionId },
  );
}
