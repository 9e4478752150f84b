/** Discipline facts about a person that vetting needs; the discipline module provides the real source. */
export interface DisciplineFacts {
  bars: { form: string; endsOn: string; decisionRef: string }[];
  openCasesPastVerification: string[];
}

export interface DisciplineFactsSource {
  factsFor(personId: string, today: string): Promise<DisciplineFacts>;
}

export const DISCIPLINE_FACTS = Symbol('DISCIPLINE_FACTS');

/** Until a discipline module is registered, nobody has discipline on record. */
export const noDisciplineRecorded: DisciplineFactsSource = {
  factsFor: async () => ({ bars: [], openCasesPastVerification: [] }),
};
