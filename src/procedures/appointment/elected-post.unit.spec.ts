import * as path from 'node:path';
import { Position } from '../../cadres/registry.service';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { given } from '../../workflow/testing/process-spec';
import { refuseElectedPost, refusePostAlreadyHeld } from './elected-post';

const definitions = loadDefinitions(path.resolve(__dirname, '../../../seeds/definitions'));
const appointment = definitions.get('appointment.internal@1')!;
const reappointment = definitions.get('reappointment.standard@1')!;
const communeChair = {
  id: 'pos-chair',
  title: 'Chủ tịch UBND xã',
  filledBy: 'election',
} as Position;

describe('posts a definition does not fill (postsFilledOtherwise)', () => {
  it('refuses an elected post for appointment and re-appointment, naming the election route', () => {
    for (const definition of [appointment, reappointment])
      given(communeChair, definition)
        .when(refuseElectedPost)
        .thenThrows(
          /positionId: Chủ tịch UBND xã \(pos-chair\) is filled by election \(bầu cử\), not by .*appointment: introduce the candidate/,
        );
  });

  it('takes the route from the definition: another name, or none listed, changes the answer', () => {
    const renamed = {
      ...appointment,
      postsFilledOtherwise: { election: { route: 'the council vote', instead: 'ask the council' } },
    };
    given(communeChair, renamed)
      .when(refuseElectedPost)
      .thenThrows(/filled by the council vote, not by appointment: ask the council/);
    given(communeChair, { ...appointment, postsFilledOtherwise: undefined })
      .when(refuseElectedPost)
      .then(undefined);
  });

  it('names a transfer as a transfer, though it runs as a rotation case', () => {
    // Before: "not by rotation", the procedure transfer.standard runs under.
    given(communeChair, definitions.get('transfer.standard@2')!)
      .when(refuseElectedPost)
      .thenThrows(/not by transfer: introduce the candidate/);
  });
});

describe('a post already held (postAlreadyHeld)', () => {
  const holder = { posts: [{ positionId: 'pos-director' }] };

  it('refuses an appointment to it, naming the definition’s route', () => {
    given(holder, 'p-1', 'pos-director', appointment)
      .when(refusePostAlreadyHeld)
      .thenThrows(/p-1 already holds pos-director; use re-appointment/);
  });

  it('refuses nothing for a definition without the field (re-appointment renews the post)', () => {
    given(holder, 'p-1', 'pos-director', reappointment).when(refusePostAlreadyHeld).then(undefined);
  });
});
