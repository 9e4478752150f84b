import { QueryClient } from '@tanstack/react-query';

/**
 * Every query a person's record feeds: the person page and its history, the posts held, the
 * planning pool, eligibility, the search, the register and reports, and the inbox.
 */
const RECORD_QUERIES = [
  'person',
  'person-history',
  'posts-held',
  'planning-pool-of',
  'eligibility',
  'people',
  'register',
  'report',
  'inbox',
] as const;

/**
 * The record's sagas apply a case's event to the person after the write commits, so what the
 * record shows is read again now and once more when they have had time to catch up (a page
 * still shown refetches then; one opened later reads it afresh).
 */
const SAGA_CATCH_UP_MS = 2_000;

function invalidateRecords(queryClient: QueryClient): Promise<void[]> {
  return Promise.all(
    RECORD_QUERIES.map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
  );
}

/** After a write that can change a person's record: a step, a closing, a status, a batch. */
export async function afterRecordWrite(queryClient: QueryClient): Promise<void> {
  setTimeout(() => void invalidateRecords(queryClient), SAGA_CATCH_UP_MS);
  await invalidateRecords(queryClient);
}
