import { PersonState } from '../../cadres/person/person.state';
import { ExistingCase } from '../case/decider/case.state';
import { decisionRefOf, RecordWrite, toPerson } from '../case/record/record-writes';
import { statedTermEnd } from '../case/decider/stated-term-end';

/**
 * The extension decision on the record, pure: the post the person holds keeps its start and its
 * decision of appointment and runs to the new term's end, the extension's decision beside it
 * (`extendedBy`; before, it replaced the appointing one). A post no longer held writes nothing.
 */
export function extendTerm(state: ExistingCase, person: PersonState): RecordWrite[] {
  if (state.status !== 'decided') throw new Error(`case ${state.caseId} has no decision`);
  if (person.status !== 'registered') return [];
  const post = person.posts.find((p) => p.positionId === state.positionId);
  if (!post) return [];
  const { decision, personId, positionId, caseId } = state;
  return [
    toPerson(personId, null, {
      type: 'AssignPost',
      data: {
        personId,
        positionId,
        from: post.from,
        termEnd: statedTermEnd(decision),
        decisionRef: post.decisionRef,
        extendedBy: { decisionRef: decisionRefOf(decision), on: decision.effectiveFrom },
        ...(post.electedOn ? { electedOn: post.electedOn } : {}),
        caseId,
      },
    }),
  ];
}
