/** Events a second `bench:queries`' loader made on the machine the issue's figures were taken on. */
export const ISSUE_MACHINE_LOADER_EVENTS_PER_SECOND = 17_000;

/**
 * The cases a second each client count made, scaled to the issue's machine by the loader: these
 * machines run from the issue's speed to more than twice it within a day, and a case costs CPU on
 * both cores (the service, PostgreSQL, the bench's client), so a run's cases a second move with
 * the machine. An estimate to read a run against the issue's targets, not a measurement: on the
 * twenty-sixth session's machine the same build made 137–147 cases/s at 32 clients with a loader of
 * 37,700 events/s and 62–87 with one of 20,500 (bench/README.md).
 */
export function scaledToIssueMachine(
  figures: readonly { clients: number; casesPerSecond: number }[],
  loaderBefore: number,
  loaderAfter: number,
): string {
  const loader = (loaderBefore + loaderAfter) / 2;
  const factor = ISSUE_MACHINE_LOADER_EVENTS_PER_SECOND / loader;
  const scaled = figures
    .map(({ clients, casesPerSecond }) => `C=${clients} ≈ ${Math.round(casesPerSecond * factor)}`)
    .join(', ');
  return (
    `scaled to the issue's machine by the loader (${ISSUE_MACHINE_LOADER_EVENTS_PER_SECOND.toLocaleString('en')} events/s there, ` +
    `${Math.round(loader).toLocaleString('en')} here on average): ${scaled} cases/s (an estimate: a case's CPU moves with the machine)\n`
  );
}
