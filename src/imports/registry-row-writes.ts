import { PersonState } from '../cadres/person/person.state';
import { RegistryService } from '../cadres/registry.service';
import { EventMetadata } from '../event-store/event-envelope';
import { EventStore } from '../event-store/event-store.port';
import { needsOwnPath, PersonWrites, writeInChunks } from './chunked-person-writes';
import { WrittenRows } from './import-partly-written';
import { ImportSeatClaims, seatTakenBy } from './import-post-seats';
import { SimulatedCommand } from './import-simulation';
import { PostFacts } from './imported-post-rules';

type PersonRecord = { state: PersonState; revision: number | null };

/** How many people an import writes at once on the registry's own path. */
const IMPORT_WRITERS = 8;

/** Runs `work` over the items with IMPORT_WRITERS workers, each taking the next item as it frees up. */
async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: Math.min(IMPORT_WRITERS, items.length) }, async () => {
      // After a failure the others finish the person in hand and take no new one.
      while (!failed && next < items.length)
        await work(items[next++]).catch((error: unknown) => {
          failed = true;
          throw error;
        });
    }),
  );
}

/**
 * Writes the rows the checks passed: in chunks of people, each one append over their records at
 * the revisions the checks read, with the seats their post rows take on seated posts' seat
 * streams at the revisions read before the holds were counted (chunked-person-writes.ts,
 * import-post-seats.ts); people whose rows claim a planning-pool seat, and a chunk that meets a
 * stream moved since (another clerk's record of a holder of the post), go through the registry's
 * own command path one by one, which claims a post's seat as `POST /cadres/:id/posts` does and
 * refuses the row if it was taken meanwhile (`import.partly_written`). Ids seeded by each row
 * make a repeat append nothing on either path. Answers how many rows it wrote.
 */
export async function writeRegistryRows(
  registry: RegistryService,
  store: EventStore,
  rows: {
    commands: SimulatedCommand[];
    records: Map<string, PersonRecord>;
    posts: Pick<PostFacts, 'positions' | 'seatStreams'>;
  },
  metadata: EventMetadata,
): Promise<number> {
  const { commands, records, posts } = rows;
  const writes = commands.filter((c) => c.outcome === 'write');
  const byPerson = new Map<string, PersonWrites>();
  for (const step of writes) {
    const person = byPerson.get(step.personId) ?? {
      personId: step.personId,
      ...(records.get(step.personId) ?? { state: { status: 'unknown' }, revision: null }),
      steps: [],
    };
    person.steps.push(step);
    byPerson.set(step.personId, person);
  }
  const people = [...byPerson.values()];
  const tally = new WrittenRows();
  const alone = async ({ personId, steps }: PersonWrites) => {
    for (const step of steps) {
      const seatOf = seatTakenBy(step.command, posts.positions);
      await registry
        .runPersonCommand(personId, step.command, metadata, { idSeed: step.idSeed, seatOf })
        .catch((error: unknown) => {
          throw tally.refusal(step, error);
        });
      tally.written(step);
    }
  };
  await inParallel(people.filter(needsOwnPath), alone);
  const seats = new ImportSeatClaims(posts.seatStreams, posts.positions);
  await writeInChunks(
    store,
    people.filter((person) => !needsOwnPath(person)),
    metadata,
    {
      alone,
      folds: registry.personFolds,
      written: (person) => person.steps.forEach((step) => tally.written(step)),
      alsoAppend: (chunk) =>
        seats.appendsOf(
          chunk.flatMap((person) => person.steps),
          metadata,
        ),
    },
  );
  return writes.length;
}
