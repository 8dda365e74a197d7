import { ApplicationsModule } from '@grants/applications';
import { DecisionRecordWriter } from '@grants/awards';
import { Module } from '@nestjs/common';
import { AllocationsService } from './allocations.service';

/**
 * Needs-based allocations. The decision record is written by awards' own writer (the one
 * numbering every signed-off decision); the awards module keeps it to itself, so it is provided
 * here too: it holds no state.
 */
@Module({
  imports: [ApplicationsModule],
  providers: [AllocationsService, DecisionRecordWriter],
  exports: [AllocationsService],
})
export class AllocationsModule {}
