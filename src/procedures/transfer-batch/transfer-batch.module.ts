import { Module } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { CasesModule } from '../case/cases.module';
import { TransferBatchCases } from './transfer-batch-cases';
import { TransferBatchEntries } from './transfer-batch-entries';
import { TransferBatchService } from './transfer-batch.service';
import { TransferBatchesController } from './transfer-batches.controller';

/** Bulk work: a reorganisation's transfers opened as one batch (issue 21). */
@Module({
  imports: [CasesModule, CadresModule],
  controllers: [TransferBatchesController],
  providers: [TransferBatchEntries, TransferBatchService, TransferBatchCases],
})
export class TransferBatchModule {}
