import { RegistryReads } from './prefetched-registry';

type Answer<Method extends keyof RegistryReads> = ReturnType<RegistryReads[Method]>;

/**
 * The registry as one opening reads it: each person, post and unit asked once. The procedure's
 * own checks and its gates' (approval in principle, consultation) ask for the same post and its
 * appointing authority in turn; the later asks get the first answer. Lives for one opening, so
 * it never answers with something older than that opening's own first read.
 */
export class RegistryReadsOnce implements RegistryReads {
  private readonly people = new Map<string, Answer<'loadPerson'>>();
  private readonly positions = new Map<string, Answer<'findPosition'>>();
  private readonly units = new Map<string, Answer<'findOrgUnit'>>();

  constructor(private readonly registry: RegistryReads) {}

  loadPerson(personId: string, until?: Date): Answer<'loadPerson'> {
    if (until) return this.registry.loadPerson(personId, until);
    return once(this.people, personId, () => this.registry.loadPerson(personId));
  }

  findPosition(id: string): Answer<'findPosition'> {
    return once(this.positions, id, () => this.registry.findPosition(id));
  }

  findOrgUnit(id: string): Answer<'findOrgUnit'> {
    return once(this.units, id, () => this.registry.findOrgUnit(id));
  }
}

function once<Value>(answers: Map<string, Value>, key: string, ask: () => Value): Value {
  if (!answers.has(key)) answers.set(key, ask());
  return answers.get(key)!;
}
