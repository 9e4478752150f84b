import { Actor } from '../../identity/actor';
import { StepDefinition } from '../../workflow/definitions/procedure-definition';
import { ballotConclusionPublic } from './discipline-view';
import { ExistingDiscipline } from './discipline.state';

const decisionStep = { id: 'decision', actors: { roles: ['leadership'] } } as StepDefinition;
const reader = (roles: string[]) => ({ roles }) as unknown as Actor;
const inStatus = (status: string) => ({ status }) as ExistingDiscipline;
const notSubject = { viewerIsSubject: false, concludedSince: false };

describe('the form a secret discipline ballot chose, for a reader its counts are withheld from', () => {
  it('is withheld while the case awaits its decision, except from whoever takes that decision', () => {
    const open = inStatus('open');
    expect(
      ballotConclusionPublic(open, decisionStep, reader(['organization_staff']), notSubject),
    ).toBe(false);
    expect(ballotConclusionPublic(open, decisionStep, reader(['leadership']), notSubject)).toBe(
      true,
    );
    // Never the subject, whatever their role.
    expect(
      ballotConclusionPublic(open, decisionStep, reader(['leadership']), {
        viewerIsSubject: true,
        concludedSince: false,
      }),
    ).toBe(false);
  });

  it('is public once decided or time-barred on it (a view as of before: decided since)', () => {
    for (const status of ['decided', 'under_review', 'annulled', 'time_barred'])
      expect(ballotConclusionPublic(inStatus(status), undefined, reader([]), notSubject)).toBe(
        true,
      );
    expect(
      ballotConclusionPublic(inStatus('open'), decisionStep, reader([]), {
        viewerIsSubject: true,
        concludedSince: true,
      }),
    ).toBe(true);
    expect(ballotConclusionPublic(inStatus('closed'), undefined, reader([]), notSubject)).toBe(
      false,
    );
  });
});
