import { ApplicationsModule } from '@grants/applications';
import { FundsModule } from '@grants/funds';
import { Module } from '@nestjs/common';
import { BallotSchedulerService } from './ballot-scheduler.service';
import { BallotsService } from './ballots.service';
import { PublicBallots } from './public-ballots.service';
import { ShortlistService } from './shortlist.service';
import { TallyService } from './tally.service';
import { VoteReviewService } from './vote-review.service';
import { VoteWriter } from './vote-writer';
import { VoterVerificationService } from './voter-verification.service';
import { VotingService } from './voting.service';

const SERVICES = [
  ShortlistService,
  BallotsService,
  BallotSchedulerService,
  VoterVerificationService,
  VotingService,
  VoteWriter,
  TallyService,
  VoteReviewService,
  PublicBallots,
];

@Module({
  imports: [ApplicationsModule, FundsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class BallotsModule {}
