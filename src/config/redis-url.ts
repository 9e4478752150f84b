/**
 * REDIS_URL: a redis:// (or rediss://) URL whose database, if named after the host, is a whole
 * number. ioredis sent "1x" to SELECT as NaN (the start ended in a stack trace) and took "1.5" for 1.
 */
export const REDIS_URL_PATTERN = /^rediss?:\/\/[^/\s?#]+(\/\d*)?(\?\S*)?$/;

export const REDIS_URL_RULE =
  'REDIS_URL must be a redis:// URL, its database (after the host) a whole number';
