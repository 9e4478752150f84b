import { DomainEvent } from '../../../common/stream-decider';
import { Body, Open } from './case.types';

/**
 * What an appointment decision says about the person's posts, beside its term: whom it appoints
 * (a post case: the nominee its final ballot chose) and whether the appointee keeps the posts
 * they hold (kiêm nhiệm), which the record otherwise ends when the new post begins.
 */
export function withDecisionPosts(
  state: Open,
  body: Body<'decision'>,
  issued: DomainEvent,
): DomainEvent {
  return {
    ...issued,
    data: {
      ...issued.data,
      ...(state.appointee ? { appointee: state.appointee } : {}),
      ...(body.keepsPreviousPost ? { keepsPreviousPost: true } : {}),
    },
  };
}
