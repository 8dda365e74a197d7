import { Actor, AuditService, isUuid, JobsService, ValidationException } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Fund } from '../entities/fund.entity';
import { GrantRound } from '../entities/grant-round.entity';
import { RoundArea } from '../entities/round-area.entity';
import { RoundBudgetContribution } from '../entities/round-budget-contribution.entity';
import {
  FundNotFoundException,
  RoundClosesInPastException,
  RoundNotEditableException,
  RoundNotFoundException,
} from '../funds.exceptions';
import { DEFAULT_APPRAISAL_CHECKLIST, roundRuleErrors, RoundInput } from './round-input';
import { assertRoundTransition, PUBLIC_ROUND_STATUSES, RoundStatus } from './round-status';

const EDITABLE: RoundStatus[] = ['draft', 'scheduled'];

/** What the audit log keeps of a round: its own fields, not the loaded relations. */
export function roundSnapshot(round: GrantRound): Record<string, unknown> {
  return {
    code: round.code,
    title: round.title,
    status: round.status,
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    minGrantPence: round.minGrantPence,
    maxGrantPence: round.maxGrantPence,
    budgetContributions: (round.budgetContributions ?? []).map((c) => ({
      sourceName: c.sourceName,
      amountPence: c.amountPence,
    })),
    areas: (round.areas ?? []).map((a) => a.name),
    decisionMethod: round.decisionMethod,
  };
}

@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
  ) {}

  /** Public callers see scheduled, open and closed rounds; staff also see drafts. */
  async list(
    filter: { status?: RoundStatus; fundId?: string; includeDrafts?: boolean } = {},
  ): Promise<GrantRound[]> {
    const statuses = filter.status
      ? [filter.status]
      : filter.includeDrafts
        ? undefined
        : PUBLIC_ROUND_STATUSES;
    const visible = statuses?.filter(
      (s) => filter.includeDrafts || PUBLIC_ROUND_STATUSES.includes(s),
    );
    if (visible?.length === 0) return [];
    return this.dataSource.getRepository(GrantRound).find({
      where: {
        ...(visible ? { status: In(visible) } : {}),
        ...(filter.fundId ? { fundId: filter.fundId } : {}),
      },
      relations: { fund: true, budgetContributions: true, areas: true },
      order: {
        opensAt: 'DESC',
        budgetContributions: { position: 'ASC' },
        areas: { position: 'ASC' },
      },
    });
  }

  async get(id: string, options: { includeDrafts?: boolean } = {}): Promise<GrantRound> {
    const round = await this.load(this.dataSource.manager, id);
    if (!options.includeDrafts && !PUBLIC_ROUND_STATUSES.includes(round.status))
      throw new RoundNotFoundException();
    return round;
  }

  async create(fundSlug: string, input: RoundInput, actor: Actor): Promise<GrantRound> {
    this.assertRules(input);
    const id = await this.dataSource.transaction(async (manager) => {
      const fund = await manager.findOneBy(Fund, { slug: fundSlug });
      if (!fund)
        throw new ValidationException([
          { field: 'fundSlug', message: new FundNotFoundException().message },
        ]);
      await this.assertCodeFree(manager, fund.id, input.code);
      const round = manager.create(GrantRound, {
        ...this.columns(input),
        fundId: fund.id,
        status: 'draft',
      });
      await manager.save(round);
      await this.replaceChildren(manager, round.id, input);
      const saved = await this.load(manager, round.id);
      await this.audit.record(manager, actor, {
        action: 'round.created',
        subjectType: 'round',
        subjectId: round.id,
        after: roundSnapshot(saved),
      });
      return round.id;
    });
    return this.load(this.dataSource.manager, id);
  }

  /** Changes a draft or scheduled round; a scheduled round's open and close jobs follow its new times. */
  async update(id: string, patch: Partial<RoundInput>, actor: Actor): Promise<GrantRound> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const round = await this.lockAndLoad(manager, id);
      if (!EDITABLE.includes(round.status)) throw new RoundNotEditableException(round.status);
      const merged: RoundInput = { ...this.toInput(round), ...patch };
      this.assertRules(merged);
      if (merged.code !== round.code)
        await this.assertCodeFree(manager, round.fundId, merged.code, round.id);
      if (round.status === 'scheduled' && merged.closesAt <= new Date())
        throw new RoundClosesInPastException();
      const before = roundSnapshot(round);
      await manager.update(GrantRound, { id }, this.columns(merged));
      await this.replaceChildren(manager, id, merged);
      const after = await this.load(manager, id);
      await this.audit.record(manager, actor, {
        action: 'round.updated',
        subjectType: 'round',
        subjectId: id,
        before,
        after: roundSnapshot(after),
      });
      return after;
    });
    if (updated.status === 'scheduled') await this.enqueueTimers(updated);
    return updated;
  }

  async schedule(id: string, actor: Actor, reason?: string): Promise<GrantRound> {
    await this.transition(id, 'scheduled', actor, reason, (r) => {
      if (r.closesAt <= new Date()) throw new RoundClosesInPastException();
    });
    const round = await this.load(this.dataSource.manager, id);
    await this.enqueueTimers(round);
    return round;
  }

  /** Back to draft: the open and close jobs stay queued but find a draft and do nothing. */
  unschedule(id: string, actor: Actor, reason?: string): Promise<GrantRound> {
    return this.transition(id, 'draft', actor, reason);
  }

  /** The open and close jobs, keyed by round and time: re-enqueueing the same times is a no-op. */
  async enqueueTimers(
    round: Pick<GrantRound, 'id' | 'opensAt' | 'closesAt' | 'status' | 'updatedAt'>,
  ): Promise<void> {
    const now = Date.now();
    // Keyed by round, time and last change: enqueueing the same again is a no-op, while a round
    // scheduled again after going back to draft gets fresh jobs (BullMQ keeps finished ids).
    const version = `${round.updatedAt.getTime()}`;
    if (round.status === 'scheduled') {
      await this.jobs.enqueueBestEffort(
        'round.open',
        { roundId: round.id },
        {
          jobId: `round-open-${round.id}-${round.opensAt.getTime()}-${version}`,
          delayMs: round.opensAt.getTime() - now,
        },
      );
    }
    if (round.status === 'scheduled' || round.status === 'open') {
      await this.jobs.enqueueBestEffort(
        'round.close',
        { roundId: round.id },
        {
          jobId: `round-close-${round.id}-${round.closesAt.getTime()}-${version}`,
          delayMs: round.closesAt.getTime() - now,
        },
      );
    }
  }

  private async transition(
    id: string,
    to: RoundStatus,
    actor: Actor,
    reason: string | undefined,
    check?: (round: GrantRound) => void,
  ): Promise<GrantRound> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.lockAndLoad(manager, id);
      assertRoundTransition(round.status, to);
      check?.(round);
      const from = round.status;
      await manager.update(GrantRound, { id }, { status: to });
      round.status = to;
      await this.audit.record(manager, actor, {
        action: `round.${to}`,
        subjectType: 'round',
        subjectId: id,
        before: { status: from },
        after: { status: to },
        reason: reason ?? null,
      });
      return round;
    });
  }

  private assertRules(input: RoundInput): void {
    const errors = roundRuleErrors(input);
    if (errors.length > 0) throw new ValidationException(errors);
  }

  private async assertCodeFree(
    manager: EntityManager,
    fundId: string,
    code: string,
    exceptId?: string,
  ): Promise<void> {
    const clash = await manager.findOneBy(GrantRound, { fundId, code });
    if (clash && clash.id !== exceptId) {
      throw new ValidationException([
        { field: 'code', message: `This fund already has a round with the code ${code}` },
      ]);
    }
  }

  private async lockAndLoad(manager: EntityManager, id: string): Promise<GrantRound> {
    const locked = await manager.findOne(GrantRound, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!locked) throw new RoundNotFoundException();
    return this.load(manager, id);
  }

  private async load(manager: EntityManager, id: string): Promise<GrantRound> {
    if (!isUuid(id)) throw new RoundNotFoundException();
    // find, not findOne: findOne's LIMIT 1 with one-to-many relations costs TypeORM a second
    // (DISTINCT) query, and the public round page runs this on every request.
    const [round] = await manager.find(GrantRound, {
      where: { id },
      relations: { fund: true, budgetContributions: true, areas: true },
      order: { budgetContributions: { position: 'ASC' }, areas: { position: 'ASC' } },
    });
    if (!round) throw new RoundNotFoundException();
    return round;
  }

  private columns(input: RoundInput) {
    return {
      code: input.code,
      title: input.title.trim(),
      theme: input.theme.trim(),
      description: input.description.trim(),
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      minGrantPence: input.minGrantPence,
      maxGrantPence: input.maxGrantPence,
      minDurationMonths: input.minDurationMonths,
      maxDurationMonths: input.maxDurationMonths,
      eligibleOrganisationTypes:
        input.eligibleOrganisationTypes as GrantRound['eligibleOrganisationTypes'],
      planThemes: input.planThemes.map((t) => t.trim()),
      decisionMethod: input.decisionMethod,
      recommendThresholdBp: input.decisionMethod === 'scored' ? input.recommendThresholdBp : null,
      reserveThresholdBp: input.decisionMethod === 'scored' ? input.reserveThresholdBp : null,
      shortlistSize: input.decisionMethod === 'public-vote' ? input.shortlistSize : null,
      winnersPerArea: input.decisionMethod === 'public-vote' ? input.winnersPerArea : null,
      appraisalChecklist: (input.appraisalChecklist ?? DEFAULT_APPRAISAL_CHECKLIST).map((item) =>
        item.trim(),
      ),
      oneApplicationPerArea: input.oneApplicationPerArea ?? false,
    };
  }

  private async replaceChildren(
    manager: EntityManager,
    roundId: string,
    input: RoundInput,
  ): Promise<void> {
    await manager.delete(RoundBudgetContribution, { roundId });
    await manager.delete(RoundArea, { roundId });
    if (input.budgetContributions.length > 0) {
      await manager.insert(
        RoundBudgetContribution,
        input.budgetContributions.map((c, position) => ({
          roundId,
          sourceName: c.sourceName.trim(),
          amountPence: c.amountPence,
          position,
        })),
      );
    }
    if (input.areas.length > 0) {
      await manager.insert(
        RoundArea,
        input.areas.map((a, position) => ({
          roundId,
          name: a.name.trim(),
          focusIssue: a.focusIssue.trim(),
          budgetCapPence: a.budgetCapPence,
          shortlistSize: a.shortlistSize,
          position,
        })),
      );
    }
  }

  toInput(round: GrantRound): RoundInput {
    return {
      code: round.code,
      title: round.title,
      theme: round.theme,
      description: round.description,
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      budgetContributions: round.budgetContributions.map((c) => ({
        sourceName: c.sourceName,
        amountPence: c.amountPence,
      })),
      minGrantPence: round.minGrantPence,
      maxGrantPence: round.maxGrantPence,
      minDurationMonths: round.minDurationMonths,
      maxDurationMonths: round.maxDurationMonths,
      eligibleOrganisationTypes: round.eligibleOrganisationTypes,
      planThemes: round.planThemes,
      areas: round.areas.map((a) => ({
        name: a.name,
        focusIssue: a.focusIssue,
        budgetCapPence: a.budgetCapPence,
        shortlistSize: a.shortlistSize,
      })),
      decisionMethod: round.decisionMethod,
      recommendThresholdBp: round.recommendThresholdBp,
      reserveThresholdBp: round.reserveThresholdBp,
      shortlistSize: round.shortlistSize,
      winnersPerArea: round.winnersPerArea,
      appraisalChecklist: round.appraisalChecklist,
      oneApplicationPerArea: round.oneApplicationPerArea,
    };
  }
}
