import { Injectable } from '@nestjs/common';
import {
  DisciplineStanding,
  disciplineStandingFrom,
  DisciplineStandingSource,
} from './discipline-standing';
import { RegistryService } from './registry.service';

/** Discipline facts from the person's record (`cadre-<id>`), which the discipline sagas keep. */
@Injectable()
export class PersonDisciplineStanding implements DisciplineStandingSource {
  constructor(private readonly registry: RegistryService) {}

  async factsFor(personId: string, today: string): Promise<DisciplineStanding> {
    const { state } = await this.registry.loadPerson(personId);
    if (state.status !== 'registered')
      return { bars: [], openCasesPastVerification: [], openCases: [] };
    return disciplineStandingFrom(state.discipline, state.openCases, today);
  }
}
