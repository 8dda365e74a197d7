import { IdentityModule } from '@grants/identity';
import { MonitoringModule } from '@grants/monitoring';
import { Module } from '@nestjs/common';
import { ClosurePagesController } from './closure-pages.controller';
import { GrantPagesController } from './grant-pages.controller';
import { PaymentPagesController } from './payment-pages.controller';
import { PortfolioPagesController } from './portfolio-pages.controller';
import { ReturnReviewPagesController } from './return-review-pages.controller';
import { VariationPagesController } from './variation-pages.controller';

/**
 * The office's grant pages after the award: the portfolio by RAG status, one grant with its
 * payments, returns and changes, and the forms finance and the officers act on them with.
 */
@Module({
  imports: [IdentityModule, MonitoringModule],
  controllers: [
    PortfolioPagesController,
    GrantPagesController,
    PaymentPagesController,
    ReturnReviewPagesController,
    VariationPagesController,
    ClosurePagesController,
  ],
})
export class StaffGrantPagesModule {}
