import { Module } from '@nestjs/common';
import { ReadModelsController } from './read-models.controller';

/** Queries over the projections' tables (inbox, case list, discipline register). */
@Module({ controllers: [ReadModelsController] })
export class ReadModelsModule {}
