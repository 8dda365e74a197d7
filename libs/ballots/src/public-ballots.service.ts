import { BallotNotFoundException } from './ballots.exceptions';
import { BallotsService } from './ballots.service';
import { Ballot } from './entities/ballot.entity';
import { Clock } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual, MoreThan } from 'typeorm';

/**
 * The ballots residents may see: those taking votes now and those with published results. A
 * draft ballot (still being set up) is not found here, so nothing leaks before it is scheduled.
 */
@Injectable()
export class PublicBallots {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ballots: BallotsService,
    private readonly clock: Clock,
  ) {}

  /** One ballot, with its area, round and fund; 404 while it is a draft. */
  async get(ballotId: string): Promise<Ballot> {
    const ballot = await this.ballots.get(ballotId);
    if (ballot.status === 'draft') throw new BallotNotFoundException();
    return ballot;
  }

  /** Open now (soonest to close first), and published (newest result first). */
  async listed(): Promise<{ open: Ballot[]; published: Ballot[] }> {
    const now = this.clock.now();
    const ballots = await this.dataSource.getRepository(Ballot).find({
      where: { status: In(['open', 'published']) },
      relations: { area: true, round: true },
    });
    // A ballot past its closing time stays "open" until its close job runs: it takes no votes.
    const open = ballots
      .filter((b) => b.status === 'open' && b.opensAt <= now && now < b.closesAt)
      .sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime());
    const published = ballots
      .filter((b) => b.status === 'published')
      .sort(
        (a, b) => (b.resultsPublishedAt?.getTime() ?? 0) - (a.resultsPublishedAt?.getTime() ?? 0),
      );
    return { open, published };
  }

  /** Whether any vote is open now: the home page links to the votes when one is. */
  anyOpen(): Promise<boolean> {
    const now = this.clock.now();
    return this.dataSource.getRepository(Ballot).exists({
      where: { status: 'open', opensAt: LessThanOrEqual(now), closesAt: MoreThan(now) },
    });
  }
}
