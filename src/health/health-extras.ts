/** Extra health components contributed by other modules (e.g. projection lag). */
export interface HealthExtra {
  name: string;
  check(): Promise<{ healthy: boolean; data: Record<string, unknown> }>;
}

export const HEALTH_EXTRAS = Symbol('HEALTH_EXTRAS');
