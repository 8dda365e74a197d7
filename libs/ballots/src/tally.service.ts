import { Actor, AuditService, Clock, isUuid, ValidationException } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { assertBallotTransition } from './ballot-status';
import { BallotNotFoundException } from './ballots.exceptions';
import { Ballot } from './entities/ballot.entity';
import { ShortlistEntry } from './entities/shortlist-entry.entity';

export const MAX_TIE_BREAK_NOTE = 2000;

export interface ProjectCount {
  applicationId: string;
  publicTitle: string;
  amountPence: number;
  /** Votes that count (not voided). */
  votes: number;
  voided: number;
}

export interface BallotCount {
  ballotId: string;
  projects: ProjectCount[];
  totalVotes: number;
  voidedVotes: number;
  /** The projects with the most votes (more than one is a tie). */
  leaders: string[];
}

export interface TieBreak {
  /** The decision maker's choice among the tied projects. */
  winnerApplicationId: string;
  note: string;
}

/**
 * Counting a ballot from its stored votes (one grouped query; no running counter to drift), and
 * publishing the result once it has closed: the winner is the project with the most votes, or
 * the decision maker's recorded choice when projects tie, as the ballot stated in advance.
 */
@Injectable()
export class TallyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async count(ballotId: string, manager = this.dataSource.manager): Promise<BallotCount> {
    if (!isUuid(ballotId)) throw new BallotNotFoundException();
    const ballot = await manager.findOneBy(Ballot, { id: ballotId });
    if (!ballot) throw new BallotNotFoundException();
    const entries = await manager.find(ShortlistEntry, {
      where: { areaId: ballot.areaId },
      order: { position: 'ASC' },
    });
    const rows: { application_id: string; votes: number; voided: number }[] = await manager.query(
      `SELECT application_id,
              count(*) FILTER (WHERE voided_at IS NULL)::int AS votes,
              count(*) FILTER (WHERE voided_at IS NOT NULL)::int AS voided
         FROM votes WHERE ballot_id = $1 GROUP BY application_id`,
      [ballotId],
    );
    const projects = entries
      .map((e): ProjectCount => {
        const row = rows.find((r) => r.application_id === e.applicationId);
        return {
          applicationId: e.applicationId,
          publicTitle: e.publicTitle,
          amountPence: e.amountPence,
          votes: row?.votes ?? 0,
          voided: row?.voided ?? 0,
        };
      })
      // Most votes first; equal counts keep the shortlist's order.
      .sort((a, b) => b.votes - a.votes);
    const top = projects[0]?.votes ?? 0;
    return {
      ballotId,
      projects,
      totalVotes: projects.reduce((sum, p) => sum + p.votes, 0),
      voidedVotes: projects.reduce((sum, p) => sum + p.voided, 0),
      leaders: projects.filter((p) => p.votes === top).map((p) => p.applicationId),
    };
  }

  /** Publishes a closed ballot's result; a tie needs the decision maker's choice and reason. */
  async publish(ballotId: string, tieBreak: TieBreak | null, actor: Actor): Promise<Ballot> {
    if (!isUuid(ballotId)) throw new BallotNotFoundException();
    await this.dataSource.transaction(async (manager) => {
      const ballot = await this.lockBallot(manager, ballotId);
      assertBallotTransition(ballot.status, 'published');
      const count = await this.count(ballotId, manager);
      const winner = this.winner(count, tieBreak);
      const note = count.leaders.length > 1 ? tieBreak!.note.trim() : null;
      await manager.update(
        Ballot,
        { id: ballotId },
        {
          status: 'published',
          winnerApplicationId: winner,
          tieBreakNote: note,
          resultsPublishedAt: this.clock.now(),
        },
      );
      await this.audit.record(manager, actor, {
        action: 'ballot.results-published',
        subjectType: 'ballot',
        subjectId: ballotId,
        before: { status: ballot.status },
        after: {
          status: 'published',
          winner,
          counts: Object.fromEntries(count.projects.map((p) => [p.applicationId, p.votes])),
          voided: count.voidedVotes,
        },
        reason: note,
      });
    });
    return this.dataSource.manager.findOneByOrFail(Ballot, { id: ballotId });
  }

  private winner(count: BallotCount, tieBreak: TieBreak | null): string {
    if (count.leaders.length === 1) return count.leaders[0];
    const tied = count.projects.filter((p) => count.leaders.includes(p.applicationId));
    const names = tied.map((p) => p.publicTitle).join(', ');
    if (!tieBreak || !tied.some((p) => p.applicationId === tieBreak.winnerApplicationId))
      throw new ValidationException([
        {
          field: 'winnerApplicationId',
          message: `${tied.length} projects tied with ${tied[0]?.votes ?? 0} votes (${names}): the decision maker chooses the winner`,
        },
      ]);
    const note = tieBreak.note.trim();
    if (!note || note.length > MAX_TIE_BREAK_NOTE)
      throw new ValidationException([
        {
          field: 'note',
          message: note
            ? `The reason must be ${MAX_TIE_BREAK_NOTE} characters or fewer`
            : 'Enter why this project was chosen between the tied projects',
        },
      ]);
    return tieBreak.winnerApplicationId;
  }

  private async lockBallot(manager: EntityManager, ballotId: string): Promise<Ballot> {
    const ballot = await manager.findOne(Ballot, {
      where: { id: ballotId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!ballot) throw new BallotNotFoundException();
    return ballot;
  }
}
