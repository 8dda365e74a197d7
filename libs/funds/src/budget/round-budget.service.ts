import { DomainException, formatPence, isUuid } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GrantRound } from '../entities/grant-round.entity';
import { RoundNotFoundException } from '../funds.exceptions';
import { BudgetCommitment } from './budget-commitment.entity';
import { CommitmentPolicies } from './commitment-policies';

export interface RoundBudget {
  /** All contributions (ring-fenced fund money plus match funding). */
  budgetPence: number;
  /** Approved and awarded. */
  committedPence: number;
  availablePence: number;
}

export class BudgetExceededException extends DomainException {
  constructor(amountPence: number, budget: RoundBudget) {
    super(
      'budget_exceeded',
      `${formatPence(amountPence)} is more than the ${formatPence(budget.availablePence)} left of this round's ${formatPence(budget.budgetPence)} budget (${formatPence(budget.committedPence)} is already committed)`,
      409,
    );
  }
}

/**
 * A round's money: its contributions, what approvals have committed and what is left. Commitments
 * are only written here, each after locking the round's row, so two approvals at the same moment
 * queue up and the second sees the first: the budget can never be over-committed.
 */
@Injectable()
export class RoundBudgetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: CommitmentPolicies,
  ) {}

  async summary(roundId: string, manager = this.dataSource.manager): Promise<RoundBudget> {
    const [row]: { budget: string; committed: string }[] = await manager.query(
      `SELECT (SELECT COALESCE(SUM(amount_pence), 0) FROM round_budget_contributions WHERE round_id = $1) AS budget,
              (SELECT COALESCE(SUM(amount_pence), 0) FROM budget_commitments WHERE round_id = $1) AS committed`,
      [roundId],
    );
    const budgetPence = Number(row.budget);
    const committedPence = Number(row.committed);
    return { budgetPence, committedPence, availablePence: budgetPence - committedPence };
  }

  /**
   * Sets the money committed to one application (replacing an earlier amount), in the caller's
   * transaction. Refused when the round's commitments would exceed its budget.
   */
  async commit(
    manager: EntityManager,
    roundId: string,
    applicationId: string,
    amountPence: number,
  ): Promise<void> {
    // Before the round's lock: a policy locks its own rows (a partner's allocation) first, in
    // the same order as the callers that lock those rows before committing.
    await this.policies.assertMayCommit(manager, roundId, applicationId, amountPence);
    await this.lockRound(manager, roundId);
    const existing = await manager.findOneBy(BudgetCommitment, { applicationId });
    const before = await this.summary(roundId, manager);
    // An amended amount replaces the old one rather than adding to it. Lowering a commitment
    // is always allowed, even if the round's contributions have since been cut below it.
    const available = before.availablePence + (existing?.amountPence ?? 0);
    if (amountPence > (existing?.amountPence ?? 0) && amountPence > available)
      throw new BudgetExceededException(amountPence, { ...before, availablePence: available });
    if (existing) await manager.update(BudgetCommitment, { id: existing.id }, { amountPence });
    else await manager.insert(BudgetCommitment, { roundId, applicationId, amountPence });
  }

  /** Gives one application's commitment back to the round (a declined approval). */
  async release(manager: EntityManager, roundId: string, applicationId: string): Promise<void> {
    await this.lockRound(manager, roundId);
    await manager.delete(BudgetCommitment, { roundId, applicationId });
  }

  /** Commitments by application, for lists that show them. */
  async commitments(
    roundId: string,
    manager = this.dataSource.manager,
  ): Promise<Map<string, number>> {
    const rows = await manager.findBy(BudgetCommitment, { roundId });
    return new Map(rows.map((c) => [c.applicationId, c.amountPence]));
  }

  /**
   * The round's row lock, where every commitment to the round queues. Callers that check state
   * before committing (a decision not yet signed off) take it first, in their transaction.
   */
  async lockRound(manager: EntityManager, roundId: string): Promise<void> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    const round = await manager.findOne(GrantRound, {
      where: { id: roundId },
      select: { id: true },
      lock: { mode: 'pessimistic_write' },
    });
    if (!round) throw new RoundNotFoundException();
  }
}
