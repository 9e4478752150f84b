/** A rule set, calendar or procedure definition file that cannot be used; names the file and field. */
export class DefinitionFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`);
    this.name = 'DefinitionFileError';
  }
}
