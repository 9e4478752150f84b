import { Module } from '@nestjs/common';
import { CommandWriter } from '../../common/http/command-writer';
import { CadresModule } from '../../cadres/cadres.module';
import { CasesModule } from '../case/cases.module';
import { DISCIPLINE_COMMAND_HANDLERS } from './commands/discipline-command-table';
import { DisciplineCommandRunner } from './discipline-command-runner';
import { DisciplineController } from './discipline.controller';
import { DISCIPLINE_RECORD_HANDLERS } from './discipline-record.handlers';
import { DisciplineRecordRegistration } from './discipline-record.registration';
import { DisciplineService } from './discipline.service';

/** Disciplinary action (kỷ luật): Party and civil-service tracks, in `discipline-<id>` streams. */
@Module({
  imports: [CadresModule, CasesModule],
  controllers: [DisciplineController],
  providers: [
    DisciplineService,
    CommandWriter,
    DisciplineCommandRunner,
    ...DISCIPLINE_COMMAND_HANDLERS,
    DisciplineRecordRegistration,
    ...DISCIPLINE_RECORD_HANDLERS,
  ],
  exports: [DisciplineService],
})
export class DisciplineModule {}
