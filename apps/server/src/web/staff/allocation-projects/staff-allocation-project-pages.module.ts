import { AllocationsModule } from '@grants/allocations';
import { FundsModule } from '@grants/funds';
import { IdentityModule } from '@grants/identity';
import { Module } from '@nestjs/common';
import { AllocationProjectsPagesController } from './allocation-projects-pages.controller';
import { AllocationReleasePagesController } from './allocation-release-pages.controller';

/**
 * After an allocation round's plan is published: partners' projects for the office to read and
 * the decision maker to approve or decline, and unspent allocation released back to the pot.
 */
@Module({
  imports: [IdentityModule, FundsModule, AllocationsModule],
  controllers: [AllocationProjectsPagesController, AllocationReleasePagesController],
})
export class StaffAllocationProjectPagesModule {}
