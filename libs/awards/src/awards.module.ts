import { ApplicationsModule } from '@grants/applications';
import { AssessmentModule } from '@grants/assessment';
import { BallotsModule } from '@grants/ballots';
import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { ApplicationDecisions } from './applicant-decisions.service';
import { DecisionPackageService } from './decision-package.service';
import { DecisionRecordWriter } from './decision-record-writer';
import { DecisionRecordPdf } from './decision-record.pdf';
import { DecisionRecordsService } from './decision-records.service';
import { DecisionSignOffService } from './decision-sign-off.service';
import { VoteDecisionService } from './vote-decision.service';

@Module({
  imports: [ApplicationsModule, AssessmentModule, FundsModule, BallotsModule],
  providers: [
    DecisionRecordWriter,
    DecisionPackageService,
    DecisionSignOffService,
    DecisionRecordsService,
    DecisionRecordPdf,
    ApplicationDecisions,
    VoteDecisionService,
  ],
  exports: [
    DecisionPackageService,
    DecisionSignOffService,
    DecisionRecordsService,
    DecisionRecordPdf,
    ApplicationDecisions,
    VoteDecisionService,
  ],
})
export class AwardsModule {}
