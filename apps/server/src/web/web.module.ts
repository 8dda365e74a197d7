import { Module } from '@nestjs/common';
import { AssessorPagesModule } from './assessors/assessor-pages.module';
import { DevMailPagesModule } from './dev-mail/dev-mail-pages.module';
import { PublicPagesModule } from './public/public-pages.module';
import { ApplicantPagesModule } from './applicants/applicant-pages.module';
import { StaffBallotPagesModule } from './staff/ballots/staff-ballot-pages.module';
import { StaffAssessmentPagesModule } from './staff/assessment/staff-assessment-pages.module';
import { StaffApplicationPagesModule } from './staff/applications/staff-application-pages.module';
import { StaffDecisionPagesModule } from './staff/decisions/staff-decision-pages.module';
import { StaffReportPagesModule } from './staff/reports/staff-report-pages.module';
import { StaffGrantPagesModule } from './staff/grants/staff-grant-pages.module';
import { StaffPagesModule } from './staff/staff-pages.module';
import { StaffEmailPagesModule } from './staff/emails/staff-email-pages.module';
import { SubscriptionPagesModule } from './subscriptions/subscription-pages.module';
import { VotingPagesModule } from './voting/voting-pages.module';

/** The server-rendered GOV.UK pages, one module per area. */
@Module({
  imports: [
    PublicPagesModule,
    StaffPagesModule,
    StaffApplicationPagesModule,
    StaffAssessmentPagesModule,
    StaffDecisionPagesModule,
    StaffBallotPagesModule,
    StaffReportPagesModule,
    StaffGrantPagesModule,
    ApplicantPagesModule,
    AssessorPagesModule,
    SubscriptionPagesModule,
    VotingPagesModule,
    DevMailPagesModule,
    StaffEmailPagesModule,
  ],
})
export class WebModule {}
