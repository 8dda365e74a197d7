import { BallotsModule } from '@grants/ballots';
import { Module } from '@nestjs/common';
import { BallotPagesController } from './ballot-pages.controller';
import { VoteResultsPagesController } from './vote-results-pages.controller';
import { VoteStartPagesController } from './vote-start-pages.controller';
import { VoterCookies } from './voter-cookies';
import { VoterSessionFilter } from './voter-session.filter';
import { VoterSignInPagesController } from './voter-sign-in-pages.controller';

/**
 * Residents' voting pages: public, no staff or applicant sign-in. A resident proves an email
 * and a postcode in the area, votes once, and later anyone can read and recount the result.
 */
@Module({
  imports: [BallotsModule],
  controllers: [
    VoteStartPagesController,
    VoterSignInPagesController,
    BallotPagesController,
    VoteResultsPagesController,
  ],
  providers: [VoterCookies, VoterSessionFilter],
})
export class VotingPagesModule {}
