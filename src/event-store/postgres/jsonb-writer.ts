/** jsonb's binary input format: a version byte, then the document's JSON text in UTF-8. */
const JSONB_VERSION = 1;

/**
 * A jsonb parameter written piece by piece straight into UTF-8 bytes. `pg` sends a Buffer as a
 * binary parameter, which jsonb reads as its version byte and the text. A bulk write's document
 * (megabytes) built as one string, by `JSON.stringify` or by concatenation, cost the service as
 * much again to write or to measure as UTF-8 as the bytes themselves (bench/README.md,
 * twenty-eighth session). Pieces must be JSON already: nothing here escapes or checks them.
 */
export class JsonbWriter {
  private bytes: Buffer;
  private length = 0;

  constructor(capacity = 4096) {
    this.bytes = Buffer.allocUnsafe(Math.max(capacity, 16));
    this.bytes[this.length++] = JSONB_VERSION;
  }

  write(json: string): this {
    // At most three bytes of UTF-8 a UTF-16 unit: room for that, so no piece is cut short.
    const needed = this.length + json.length * 3;
    if (needed > this.bytes.length) this.grow(needed);
    this.length += this.bytes.write(json, this.length, 'utf8');
    return this;
  }

  /** The parameter: the bytes written so far (a view, not a copy). */
  finish(): Buffer {
    return this.bytes.subarray(0, this.length);
  }

  private grow(needed: number): void {
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = Buffer.allocUnsafe(capacity);
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}
