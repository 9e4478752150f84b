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
  const holder = {
    posts: [{ positionId: 'pos-director', from: '2020-01-02', decisionRef: 'QĐ-1' }],
  };

  it('refuses an appointment to it, naming the definition’s route', () => {
    given(holder, 'p-1', 'pos-director', appointment, '2026-12-31')
      .when(refusePostAlreadyHeld)
      .thenThrows(/p-1 already holds pos-director; use re-appointment/);
  });

  it('refuses nothing for a definition without the field (re-appointment renews the post)', () => {
    given(holder, 'p-1', 'pos-director', reappointment, '2026-12-31')
      .when(refusePostAlreadyHeld)
      .then(undefined);
  });

  it('a post a decided transfer gives from a later day is taken up then, not held (no re-appointment to use)', () => {
    const comes = {
      posts: [{ positionId: 'pos-director', from: '2027-01-05', decisionRef: 'QĐ-t' }],
    };
    // Before: "p-1 already holds pos-director; use re-appointment", for a rotation too.
    for (const definition of [appointment, definitions.get('rotation.standard@1')!])
      given(comes, 'p-1', 'pos-director', definition, '2026-12-31')
        .when(refusePostAlreadyHeld)
        .thenThrows(/^p-1 takes up pos-director on 2027-01-05 \(QĐ-t\): a decided decision gives/);
    // From that day it is held.
    given(comes, 'p-1', 'pos-director', appointment, '2027-01-05')
      .when(refusePostAlreadyHeld)
      .thenThrows(/p-1 already holds pos-director; use re-appointment/);
  });
});
