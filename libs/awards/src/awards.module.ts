import { ApplicationsModule } from '@grants/applications';
import { AssessmentModule } from '@grants/assessment';
import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { ApplicationDecisions } from './applicant-decisions.service';
import { DecisionPackageService } from './decision-package.service';
import { DecisionRecordPdf } from './decision-record.pdf';
import { DecisionRecordsService } from './decision-records.service';
import { DecisionSignOffService } from './decision-sign-off.service';

@Module({
  imports: [ApplicationsModule, AssessmentModule, FundsModule],
  providers: [
    DecisionPackageService,
    DecisionSignOffService,
    DecisionRecordsService,
    DecisionRecordPdf,
    ApplicationDecisions,
  ],
  exports: [
    DecisionPackageService,
    DecisionSignOffService,
    DecisionRecordsService,
    DecisionRecordPdf,
    ApplicationDecisions,
  ],
})
export class AwardsModule {}
