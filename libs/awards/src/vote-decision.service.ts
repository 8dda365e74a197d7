import {
  Actor,
  Clock,
  DomainException,
  isUuid,
  MailOutboxService,
  ValidationException,
} from '@grants/core';
import { Application, loadApplication } from '@grants/applications';
import { Ballot, NotPublicVoteRoundException, ShortlistEntry, TallyService } from '@grants/ballots';
import { GrantRound, RoundBudgetService, RoundNotFoundException } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { awardNoticeBody, notChosenNoticeBody, voteResultLine } from './award-terms';
import { DecisionSignedOffException } from './awards.exceptions';
import {
  DecisionRecordWriter,
  Outcome,
  SignOffInput,
  validateRecordText,
} from './decision-record-writer';
import { DecisionRecord } from './entities/decision-record.entity';

interface Settled {
  application: Application;
  outcome: Outcome;
}

/**
 * A public-vote round's decision: once every area's result is published, the decision maker
 * signs off the winners. Each winner's grant is committed from the round's budget (never more
 * than the area's cap), offered, and noticed; the other shortlisted projects are told the result.
 */
@Injectable()
export class VoteDecisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: MailOutboxService,
    private readonly writer: DecisionRecordWriter,
    private readonly budget: RoundBudgetService,
    private readonly tally: TallyService,
    private readonly clock: Clock,
  ) {}

  async signOff(roundId: string, input: SignOffInput, actor: Actor): Promise<DecisionRecord> {
    const text = validateRecordText(input);
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    const { record, emailIds } = await this.dataSource.transaction(async (manager) => {
      await this.budget.lockRound(manager, roundId);
      if (await manager.existsBy(DecisionRecord, { roundId }))
        throw new DecisionSignedOffException();
      const round = await manager.findOneOrFail(GrantRound, {
        where: { id: roundId },
        relations: { areas: true },
      });
      if (round.decisionMethod !== 'public-vote') throw new NotPublicVoteRoundException();
      const ballots = await this.publishedBallots(manager, round);
      const settled: Settled[] = [];
      for (const ballot of ballots)
        settled.push(...(await this.settleBallot(manager, round, ballot)));
      const now = this.clock.now();
      const outcomes = settled.map((s) => s.outcome);
      const record = await this.writer.createRecord(manager, roundId, text, outcomes, actor, now);
      const emailIds: string[] = [];
      for (const { application, outcome } of settled)
        emailIds.push(
          ...(await this.writer.settle(manager, application, outcome, record, actor, now)),
        );
      await this.writer.recordSignedOff(
        manager,
        record,
        settled.filter((s) => s.outcome.awarded).map((s) => s.application.reference ?? ''),
        actor,
      );
      return { record, emailIds };
    });
    await this.outbox.dispatch(emailIds);
    return record;
  }

  private async publishedBallots(manager: EntityManager, round: GrantRound): Promise<Ballot[]> {
    const ballots = await manager.find(Ballot, {
      where: { roundId: round.id },
      relations: { area: true },
    });
    if (ballots.length === 0)
      throw new DomainException('no_ballots', 'This round has no ballots to decide from yet', 409);
    const waiting = ballots.filter((b) => b.status !== 'published').map((b) => b.area.name);
    if (waiting.length > 0)
      throw new ValidationException([
        {
          field: 'ballots',
          message: `Publish the result of every area's vote before signing off (not yet: ${waiting.join(', ')})`,
        },
      ]);
    return ballots;
  }

  /** The winner's grant committed within the area's cap; every shortlisted project settled. */
  private async settleBallot(
    manager: EntityManager,
    round: GrantRound,
    ballot: Ballot,
  ): Promise<Settled[]> {
    const count = await this.tally.count(ballot.id, manager);
    const entries = await manager.find(ShortlistEntry, {
      where: { areaId: ballot.areaId },
      order: { position: 'ASC' },
    });
    const settled: Settled[] = [];
    for (const entry of entries) {
      const application = await loadApplication(manager, entry.applicationId, { lock: true });
      const votes = count.projects.find((p) => p.applicationId === entry.applicationId)?.votes ?? 0;
      const result = voteResultLine(ballot.area.name, votes, count.totalVotes);
      if (entry.applicationId !== ballot.winnerApplicationId) {
        settled.push({
          application,
          outcome: {
            awarded: false,
            body: notChosenNoticeBody(ballot.area.name, votes, count.totalVotes),
          },
        });
        continue;
      }
      const amountPence = Math.min(
        entry.amountPence,
        ballot.area.budgetCapPence ?? entry.amountPence,
      );
      await this.budget.commit(manager, round.id, application.id, amountPence);
      settled.push({
        application,
        outcome: {
          awarded: true,
          amountPence,
          body: `${result}\n\n${awardNoticeBody(amountPence, application.amountRequestedPence ?? amountPence)}`,
        },
      });
    }
    return settled;
  }
}
