import { Module } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { CasesModule } from '../case/cases.module';
import { ActOnDisciplineCaseHandler } from './commands/act-on-discipline-case';
import { OpenDisciplineCaseHandler } from './commands/open-discipline-case';
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
    OpenDisciplineCaseHandler,
    ActOnDisciplineCaseHandler,
    DisciplineRecordRegistration,
    ...DISCIPLINE_RECORD_HANDLERS,
  ],
  exports: [DisciplineService],
})
export class DisciplineModule {}
