/**
 * Which posts a discipline's bar covers besides a higher one, and until when: an equivalent post
 * too (the Party's removal from post, Điều lệ Đảng art. 40(3)), or any appointment (a civil
 * servant's demotion or removal, Luật Cán bộ, công chức art. 82(3)). A bar without one, and every
 * bar recorded before Dec 2026, covers a higher post only.
 */
export interface WiderBarScope {
  scope: 'equivalent_or_higher' | 'any';
  /** The day the wider scope stops (the bar then covers a higher post only); null: no end. */
  until: string | null;
}

/** A running bar as vetting and the eligibility check read it. */
export interface RunningBar {
  form: string;
  endsOn: string | null;
  decisionRef: string;
  scope?: WiderBarScope;
  /**
   * The rule that set the bar, under the decision's own rule set and track (a civil servant's
   * 12 months by Luật Cán bộ, công chức, a Party member's by the Party's rule), where the reader
   * had the rule sets at hand: vetting cites it beside the bar.
   */
  rule?: string;
}

/** Which posts a bar covers on a day, in words for the reasons that name it. */
export function barCoverage(bar: RunningBar, day: string): string {
  const wider = widerScopeOn(bar, day);
  if (!wider) return 'a higher post';
  // The bar's own end is told beside it; a wider scope ending sooner says its own day.
  const until = wider.until === null || wider.until === bar.endsOn ? '' : ` (until ${wider.until})`;
  return wider.scope === 'any' ? `any appointment${until}` : `an equivalent or higher post${until}`;
}

/**
 * Whether a bar running on the day covers the target post: a first post or a higher one always;
 * a post of the same rank (the same comparison that tells a higher one) while the bar's scope is
 * `equivalent_or_higher`; a lower one while it is `any`.
 */
export function barCoversPost(
  bar: RunningBar,
  targetRank: number,
  heldRank: number | null,
  day: string,
): boolean {
  if (heldRank === null || targetRank > heldRank) return true;
  const wider = widerScopeOn(bar, day);
  if (!wider) return false;
  return wider.scope === 'any' || targetRank === heldRank;
}

function widerScopeOn(bar: RunningBar, day: string): WiderBarScope | undefined {
  const wider = bar.scope;
  return wider && (wider.until === null || wider.until > day) ? wider : undefined;
}
