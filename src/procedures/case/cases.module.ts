import { CommandWriter } from '../../common/http/command-writer';
import { Module } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { CaseIdBackfillLifecycle } from './case-id-backfill.lifecycle';
import { CaseIdReservations } from './case-id-reservations';
import { CaseContextFactory } from './case-context.factory';
import { CaseService } from './case.service';
import { CasesController } from './cases.controller';
import { CaseUnitsController } from './case-units.controller';
import { CaseCommandRunner } from './case-command-runner';
import { CaseRehearsal } from './case-rehearsal';
import { CASE_COMMAND_HANDLERS } from './commands/case-command-table';
import { CalendarAdoption } from './deadlines/calendar-adoption';
import { RecordStepDeadlineMissedHandler } from './deadlines/record-step-deadline-missed';
import { StepDeadlinesRegistration } from './deadlines/step-deadlines.registration';
import { VettingFlagEndRegistration } from './deadlines/vetting-flag-end.registration';
import { OpenCaseSlotReleaseRegistration } from './open-case-slot-release.registration';
import { OpenCaseSlotBackfillLifecycle } from './open-case-slot-backfill.lifecycle';
import { OpenCaseSlotCoverage } from './open-case-slot-coverage';
import { OpenCaseSlots } from './open-case-slots';
import { ProcedureRegistry } from './procedure-registry';
import { CASE_RECORD_HANDLERS } from './record/case-record.handlers';
import { CaseRecordRegistration } from './record/case-record.registration';
import { RECORDED_TERM_NOTICE_PROVIDERS } from './record/recorded-term-notice';
import { ReleaseOpenCaseSlotHandler } from './release-open-case-slot';
import { RecordWriter } from './record/record-writer';
import { RecordWorkflowRunner } from './record/record-workflow-runner';

@Module({
  imports: [CadresModule],
  controllers: [CasesController, CaseUnitsController],
  providers: [
    CaseService,
    CommandWriter,
    OpenCaseSlots,
    OpenCaseSlotCoverage,
    OpenCaseSlotBackfillLifecycle,
    CaseIdReservations,
    CaseIdBackfillLifecycle,
    CaseContextFactory,
    ProcedureRegistry,
    CaseCommandRunner,
    CaseRehearsal,
    ...CASE_COMMAND_HANDLERS,
    StepDeadlinesRegistration,
    VettingFlagEndRegistration,
    CalendarAdoption,
    CaseRecordRegistration,
    RecordWriter,
    OpenCaseSlotReleaseRegistration,
    ReleaseOpenCaseSlotHandler,
    RecordStepDeadlineMissedHandler,
    ...CASE_RECORD_HANDLERS,
    ...RECORDED_TERM_NOTICE_PROVIDERS,
  ],
  exports: [
    CaseService,
    CaseRehearsal,
    CaseCommandRunner,
    OpenCaseSlots,
    OpenCaseSlotCoverage,
    ProcedureRegistry,
    CaseContextFactory,
    CaseIdReservations,
    RecordWriter,
    RecordWorkflowRunner,
  ],
})
export class CasesModule {}
