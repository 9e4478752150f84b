import { createHash } from 'node:crypto';
import { QueryConfig } from 'pg';

/** Statement names by text: a handful of shapes (the read options that are given or not). */
const names = new Map<string, string>();

/**
 * A read as a named prepared statement: each connection parses and plans a shape once instead of
 * on every read (a case's commands and sagas read streams some thirty times; the subscriptions
 * read the log's tail several times a case). Only for statements whose plan does not depend on
 * the values (a lookup by stream id on its index, positions taken by the primary key): a generic
 * plan is as good as a custom one there. The name follows from the text, so one name never
 * stands for two statements.
 */
export function preparedRead(text: string, values: unknown[]): QueryConfig {
  let name = names.get(text);
  if (!name) {
    name = `cf_read_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
