import { sagaRegistration } from '../../sagas/saga-registration';
import { openCaseSlotReleaseSaga } from './open-case-slot-release.saga';

/** Runs the slot-release saga; its command is carried out by `ReleaseOpenCaseSlotHandler`. */
export const OpenCaseSlotReleaseRegistration = sagaRegistration({ saga: openCaseSlotReleaseSaga });
