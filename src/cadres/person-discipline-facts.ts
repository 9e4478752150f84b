import { Injectable } from '@nestjs/common';
import { DisciplineFacts, disciplineFactsFrom, DisciplineFactsSource } from './discipline-facts';
import { RegistryService } from './registry.service';

/** Discipline facts from the person's record (`cadre-<id>`), which the discipline sagas keep. */
@Injectable()
export class PersonDisciplineFacts implements DisciplineFactsSource {
  constructor(private readonly registry: RegistryService) {}

  async factsFor(personId: string, today: string): Promise<DisciplineFacts> {
    const { state } = await this.registry.loadPerson(personId);
    if (state.status !== 'registered')
      return { bars: [], openCasesPastVerification: [], openCases: [] };
    return disciplineFactsFrom(state.discipline, state.openCases, today);
  }
}
