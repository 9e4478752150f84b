/**
 * Longest purpose kept (`?purpose=` or `X-Purpose`), in characters. Not a legal number: room for
 * a sentence and a file or ticket reference, not for a document pasted into every log row.
 */
export const PURPOSE_MAX_CHARS = 500;
