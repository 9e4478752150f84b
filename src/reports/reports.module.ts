import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';

/** Counts over the read models for the organization committee's periodic reports. */
@Module({ controllers: [ReportsController] })
export class ReportsModule {}
