import { Module } from '@nestjs/common';
import { CommandWriter } from '../../common/http/command-writer';
import { CadresModule } from '../../cadres/cadres.module';
import { CasesModule } from '../case/cases.module';
import { ActOnDisciplineCaseHandler } from './commands/act-on-discipline-case';
import { OpenDisciplineCaseHandler } from './commands/open-discipline-case';
import { DisciplineController } from './discipline.controller';
import { DisciplineRecordRegistration } from './discipline-record.registration';
import { DisciplineService } from './discipline.service';

/** Disciplinary action (kỷ luật): Party and civil-service tracks, in `discipline-<id>` streams. */
@Module({
  imports: [CadresModule, CasesModule],
  controllers: [DisciplineController],
  providers: [
    DisciplineService,
    CommandWriter,
    OpenDisciplineCaseHandler,
    ActOnDisciplineCaseHandler,
    DisciplineRecordRegistration,
  ],
  exports: [DisciplineService],
})
export class DisciplineModule {}
