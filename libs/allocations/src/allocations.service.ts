import {
  Actor,
  AuditService,
  Clock,
  FieldError,
  formatPence,
  isUuid,
  JsonObject,
  ValidationException,
} from '@grants/core';
import {
  DecisionRecord,
  DecisionRecordWriter,
  type SignOffInput,
  validateRecordText,
} from '@grants/awards';
import { GrantRound, RoundBudgetContribution, RoundNotFoundException } from '@grants/funds';
import { Organisation } from '@grants/organisations';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { canMoveAllocationPlan } from './allocation-plan-status';
import { LoadedPlan, loadPlan } from './allocation-plan-loader';
import { AllocationPlanView, planView } from './allocation-plan.view';
import { AllocationPreview, MAX_WEIGHT, previewPlan } from './allocation-preview';
import {
  AllocationAlreadyPublishedException,
  AllocationPlanExistsException,
  AllocationPlanNotFoundException,
  AllocationPublishedException,
  NotAllocationRoundException,
  RoundHasDecisionException,
} from './allocations.exceptions';
import { readIndicatorCsv } from './csv/indicator-csv';
import { checkValueRows, RowError, ValueRow, ValueRowInput } from './csv/value-rows';
import { AllocationIndicator } from './entities/allocation-indicator.entity';
import { AllocationPartner } from './entities/allocation-partner.entity';
import { AllocationPlan } from './entities/allocation-plan.entity';
import { IndicatorValue } from './entities/indicator-value.entity';
import { PartnerAllocation } from './entities/partner-allocation.entity';
import { checkLimits } from './formula/allocation-formula';

export interface PlanSettings {
  /** Defaults to the round's budget when a plan is created. */
  potPence?: number;
  /** null: none. */
  floorPence?: number | null;
  capPence?: number | null;
}

export interface IndicatorInput {
  key: string;
  label: string;
  weight: number;
}

export const MAX_PARTNERS = 50;
export const MAX_INDICATORS = 20;
export const MAX_VALUE_ROWS = 1000;
const INDICATOR_KEY = /^[a-z][a-z0-9-]{0,39}$/;
const SUBJECT = 'allocation-plan';

/**
 * Needs-based allocations: a round's pot shared between partner organisations by weighted
 * indicators. Staff set the plan up as a draft (pot, minimum, maximum, partners, indicators and
 * their weights, the values by hand or from a CSV file), look at what it gives and what other
 * weights would give, then publish it once as a numbered decision record; the allocations are
 * stored as published. Every change is audited in its own transaction.
 */
@Injectable()
export class AllocationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly records: DecisionRecordWriter,
    private readonly clock: Clock,
  ) {}

  async get(planId: string): Promise<AllocationPlanView> {
    return planView(await loadPlan(this.dataSource.manager, planId));
  }

  async forRound(roundId: string): Promise<AllocationPlanView> {
    const plan = isUuid(roundId)
      ? await this.dataSource.manager.findOneBy(AllocationPlan, { roundId })
      : null;
    if (!plan) throw new AllocationPlanNotFoundException();
    return this.get(plan.id);
  }

  async create(actor: Actor, roundId: string, settings: PlanSettings): Promise<AllocationPlanView> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    try {
      const planId = await this.dataSource.transaction(async (manager) => {
        const round = await manager.findOneBy(GrantRound, { id: roundId });
        if (!round) throw new RoundNotFoundException();
        if (round.decisionMethod !== 'allocation') throw new NotAllocationRoundException();
        if (await manager.existsBy(AllocationPlan, { roundId }))
          throw new AllocationPlanExistsException();
        const budget = await roundBudget(manager, roundId);
        const values = {
          potPence: settings.potPence ?? budget,
          floorPence: settings.floorPence ?? null,
          capPence: settings.capPence ?? null,
        };
        checkSettings(values, budget, 0);
        const plan = await manager.save(manager.create(AllocationPlan, { roundId, ...values }));
        await this.audit.record(manager, actor, {
          action: 'allocation-plan.created',
          subjectType: SUBJECT,
          subjectId: plan.id,
          before: null,
          after: { roundId, ...values },
        });
        return plan.id;
      });
      return this.get(planId);
    } catch (err) {
      if (err instanceof QueryFailedError && /allocation_plans_round_key/.test(err.message))
        throw new AllocationPlanExistsException();
      throw err;
    }
  }

  async update(actor: Actor, planId: string, patch: PlanSettings): Promise<AllocationPlanView> {
    return this.change(planId, async (manager, { plan, partners }) => {
      const before = {
        potPence: plan.potPence,
        floorPence: plan.floorPence,
        capPence: plan.capPence,
      };
      const after = {
        potPence: patch.potPence ?? plan.potPence,
        floorPence: patch.floorPence === undefined ? plan.floorPence : patch.floorPence,
        capPence: patch.capPence === undefined ? plan.capPence : patch.capPence,
      };
      checkSettings(after, await roundBudget(manager, plan.roundId), partners.length);
      await manager.update(AllocationPlan, { id: plan.id }, after);
      await this.audit.record(manager, actor, {
        action: 'allocation-plan.updated',
        subjectType: SUBJECT,
        subjectId: plan.id,
        before,
        after,
      });
    });
  }

  /** The partners, in order: those kept keep their values; those dropped lose theirs. */
  async setPartners(
    actor: Actor,
    planId: string,
    organisationIds: string[],
  ): Promise<AllocationPlanView> {
    return this.change(planId, async (manager, { plan, partners }) => {
      const organisations = await checkPartners(manager, organisationIds);
      checkLimits(plan.potPence, organisationIds.length, plan.floorPence, plan.capPence);
      const kept = new Map(partners.map((p) => [p.organisationId, p]));
      const dropped = partners.filter((p) => !organisationIds.includes(p.organisationId));
      if (dropped.length > 0)
        await manager.delete(AllocationPartner, { id: In(dropped.map((p) => p.id)) });
      for (const [position, organisationId] of organisationIds.entries()) {
        const existing = kept.get(organisationId);
        if (existing) await manager.update(AllocationPartner, { id: existing.id }, { position });
        else await manager.insert(AllocationPartner, { planId: plan.id, organisationId, position });
      }
      await this.audit.record(manager, actor, {
        action: 'allocation-plan.partners-set',
        subjectType: SUBJECT,
        subjectId: plan.id,
        before: {
          partners: partners.map((p) => ({ id: p.organisationId, name: p.organisation.name })),
        },
        after: {
          partners: organisationIds.map((id) => ({ id, name: organisations.get(id)!.name })),
        },
      });
    });
  }

  /** The indicators and their weights, in order: those kept (by key) keep their values. */
  async setIndicators(
    actor: Actor,
    planId: string,
    indicators: IndicatorInput[],
  ): Promise<AllocationPlanView> {
    const input = indicators.map((i) => ({
      key: i.key.trim(),
      label: i.label.trim(),
      weight: i.weight,
    }));
    checkIndicators(input);
    return this.change(planId, async (manager, { plan, indicators: current }) => {
      const byKey = new Map(current.map((i) => [i.key, i]));
      const dropped = current.filter((i) => !input.some((n) => n.key === i.key));
      if (dropped.length > 0)
        await manager.delete(AllocationIndicator, { id: In(dropped.map((i) => i.id)) });
      for (const [position, indicator] of input.entries()) {
        const existing = byKey.get(indicator.key);
        if (existing)
          await manager.update(
            AllocationIndicator,
            { id: existing.id },
            { ...indicator, position },
          );
        else await manager.insert(AllocationIndicator, { planId: plan.id, ...indicator, position });
      }
      await this.audit.record(manager, actor, {
        action: 'allocation-plan.indicators-set',
        subjectType: SUBJECT,
        subjectId: plan.id,
        before: { indicators: current.map(({ key, label, weight }) => ({ key, label, weight })) },
        after: { indicators: input },
      });
    });
  }

  /** Values typed in (each names its partner by organisation id or name): all or none. */
  async enterValues(
    actor: Actor,
    planId: string,
    rows: ValueRowInput[],
  ): Promise<AllocationPlanView> {
    if (rows.length === 0 || rows.length > MAX_VALUE_ROWS)
      throw new ValidationException([
        { field: 'values', message: `Enter from 1 to ${MAX_VALUE_ROWS} values` },
      ]);
    return this.change(planId, async (manager, loaded) => {
      const checked = checkAgainst(
        loaded,
        rows.map((input, row) => ({ row, input })),
        (e) => ({ field: `values.${e.row}.${e.column}`, message: e.message }),
      );
      await this.storeValues(manager, actor, loaded, checked, 'allocation-plan.values-entered');
    });
  }

  /** A CSV file of values: any error in any row and nothing is imported. */
  async importCsv(actor: Actor, planId: string, text: string): Promise<AllocationPlanView> {
    const read = readIndicatorCsv(text);
    if (!read.ok) throw new ValidationException(read.errors.map(csvError));
    return this.change(planId, async (manager, loaded) => {
      const checked = checkAgainst(loaded, read.rows, csvError);
      await this.storeValues(manager, actor, loaded, checked, 'allocation-plan.values-imported');
    });
  }

  /** What the plan gives, or would give with these weights; nothing is stored. */
  async preview(planId: string, weights?: Record<string, number>): Promise<AllocationPreview> {
    return previewPlan(await loadPlan(this.dataSource.manager, planId), weights);
  }

  /**
   * Computes the allocations with the stored weights and publishes them as a numbered decision
   * record for the round (the same numbering as every signed-off decision); from then on the plan
   * cannot change. The record is published to the public as any other, separately.
   */
  async publish(actor: Actor, planId: string, input: SignOffInput): Promise<AllocationPlanView> {
    const text = validateRecordText(input);
    await this.dataSource.transaction(async (manager) => {
      const loaded = await loadPlan(manager, planId, { lock: true });
      const { plan } = loaded;
      if (!canMoveAllocationPlan(plan.status, 'published'))
        throw new AllocationAlreadyPublishedException();
      if (await manager.existsBy(DecisionRecord, { roundId: plan.roundId }))
        throw new RoundHasDecisionException();
      const preview = previewPlan(loaded);
      const now = this.clock.now();
      const record = await this.records.createRecord(
        manager,
        plan.roundId,
        text,
        preview.partners.map((p) => ({ awarded: true, amountPence: p.amountPence, body: '' })),
        actor,
        now,
      );
      await manager.insert(
        PartnerAllocation,
        preview.partners.map((p, position) => ({
          planId: plan.id,
          organisationId: p.organisationId,
          organisationName: p.name,
          position,
          amountPence: p.amountPence,
          formulaPence: p.formulaPence,
          sharePercent: p.sharePercent,
          limitedBy: p.limitedBy,
          breakdown: p.indicators as unknown as JsonObject[],
        })),
      );
      await manager.update(
        AllocationPlan,
        { id: plan.id },
        {
          status: 'published',
          decisionRecordId: record.id,
          publishedAt: now,
          publishedById: actor.id,
        },
      );
      await this.audit.record(manager, actor, {
        action: 'allocation-plan.published',
        subjectType: SUBJECT,
        subjectId: plan.id,
        before: { status: plan.status },
        after: {
          status: 'published',
          record: record.number,
          potPence: plan.potPence,
          allocations: preview.partners.map((p) => ({
            organisationId: p.organisationId,
            name: p.name,
            amountPence: p.amountPence,
          })),
        },
      });
    });
    return this.get(planId);
  }

  /** A draft plan, locked, changed in one transaction; a published plan refuses. */
  private async change(
    planId: string,
    work: (manager: EntityManager, loaded: LoadedPlan) => Promise<void>,
  ): Promise<AllocationPlanView> {
    await this.dataSource.transaction(async (manager) => {
      const loaded = await loadPlan(manager, planId, { lock: true });
      if (loaded.plan.status !== 'draft') throw new AllocationPublishedException();
      await work(manager, loaded);
    });
    return this.get(planId);
  }

  private async storeValues(
    manager: EntityManager,
    actor: Actor,
    { plan, partners, indicators, values }: LoadedPlan,
    rows: ValueRow[],
    action: string,
  ): Promise<void> {
    const describe = (v: {
      partnerId: string;
      indicatorId: string;
      value: string;
      source: string;
      period: string;
    }) => ({
      partner: partners.find((p) => p.id === v.partnerId)!.organisation.name,
      indicator: indicators.find((i) => i.id === v.indicatorId)!.key,
      value: v.value,
      source: v.source,
      period: v.period,
    });
    const replaced = values.filter((v) =>
      rows.some((r) => r.partnerId === v.partnerId && r.indicatorId === v.indicatorId),
    );
    await manager.upsert(IndicatorValue, rows, ['partnerId', 'indicatorId']);
    await this.audit.record(manager, actor, {
      action,
      subjectType: SUBJECT,
      subjectId: plan.id,
      before: { values: replaced.map(describe) },
      after: { values: rows.map(describe) },
    });
  }
}

async function roundBudget(manager: EntityManager, roundId: string): Promise<number> {
  const contributions = await manager.findBy(RoundBudgetContribution, { roundId });
  return contributions.reduce((t, c) => t + c.amountPence, 0);
}

function checkSettings(
  s: { potPence: number; floorPence: number | null; capPence: number | null },
  budgetPence: number,
  partners: number,
): void {
  const errors: FieldError[] = [];
  const pence = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!pence(s.potPence) || s.potPence === 0)
    errors.push({
      field: 'potPence',
      message: 'The pot must be a whole number of pence, more than £0',
    });
  else if (s.potPence > budgetPence)
    errors.push({
      field: 'potPence',
      message: `The pot cannot be more than the round's budget (${formatPence(budgetPence)})`,
    });
  if (s.floorPence !== null && !pence(s.floorPence))
    errors.push({
      field: 'floorPence',
      message: 'The minimum must be a whole number of pence, 0 or more',
    });
  if (s.capPence !== null && (!pence(s.capPence) || s.capPence === 0))
    errors.push({
      field: 'capPence',
      message: 'The maximum must be a whole number of pence, more than £0',
    });
  if (errors.length > 0) throw new ValidationException(errors);
  checkLimits(s.potPence, partners, s.floorPence, s.capPence);
}

async function checkPartners(
  manager: EntityManager,
  organisationIds: string[],
): Promise<Map<string, Organisation>> {
  const errors: FieldError[] = [];
  if (organisationIds.length === 0 || organisationIds.length > MAX_PARTNERS)
    throw new ValidationException([
      { field: 'organisationIds', message: `Choose from 1 to ${MAX_PARTNERS} partners` },
    ]);
  const valid = organisationIds.filter(isUuid);
  const found = new Map(
    (valid.length ? await manager.findBy(Organisation, { id: In(valid) }) : []).map((o) => [
      o.id,
      o,
    ]),
  );
  organisationIds.forEach((id, i) => {
    if (!found.has(id))
      errors.push({ field: `organisationIds.${i}`, message: `There is no organisation ${id}` });
    else if (organisationIds.indexOf(id) !== i)
      errors.push({
        field: `organisationIds.${i}`,
        message: `${found.get(id)!.name} is listed twice`,
      });
  });
  if (errors.length > 0) throw new ValidationException(errors);
  return found;
}

function checkIndicators(input: IndicatorInput[]): void {
  const errors: FieldError[] = [];
  if (input.length === 0 || input.length > MAX_INDICATORS)
    throw new ValidationException([
      { field: 'indicators', message: `Give from 1 to ${MAX_INDICATORS} indicators` },
    ]);
  const keys = new Set<string>();
  const labels = new Set<string>();
  input.forEach((ind, i) => {
    if (!INDICATOR_KEY.test(ind.key))
      errors.push({
        field: `indicators.${i}.key`,
        message:
          'The key must be lower-case letters, digits and hyphens, starting with a letter, like violence-with-injury',
      });
    else if (keys.has(ind.key))
      errors.push({ field: `indicators.${i}.key`, message: `The key ${ind.key} is used twice` });
    keys.add(ind.key);
    if (!ind.label || ind.label.length > 100)
      errors.push({
        field: `indicators.${i}.label`,
        message: 'Enter a label of up to 100 characters',
      });
    else if (labels.has(ind.label.toLowerCase()))
      errors.push({
        field: `indicators.${i}.label`,
        message: `The label ${ind.label} is used twice`,
      });
    labels.add(ind.label.toLowerCase());
    if (!Number.isSafeInteger(ind.weight) || ind.weight < 0 || ind.weight > MAX_WEIGHT)
      errors.push({
        field: `indicators.${i}.weight`,
        message: `The weight must be a whole number from 0 to ${MAX_WEIGHT}`,
      });
  });
  if (errors.length === 0 && input.every((i) => i.weight === 0))
    errors.push({
      field: 'indicators',
      message: 'At least one indicator must have a weight above 0',
    });
  if (errors.length > 0) throw new ValidationException(errors);
}

function checkAgainst(
  { partners, indicators }: LoadedPlan,
  rows: { row: number; input: ValueRowInput }[],
  toField: (e: RowError) => FieldError,
): ValueRow[] {
  const checked = checkValueRows(
    rows,
    partners.map((p) => ({
      id: p.id,
      organisationId: p.organisationId,
      name: p.organisation.name,
    })),
    indicators,
  );
  if (checked.errors.length > 0) throw new ValidationException(checked.errors.map(toField));
  return checked.rows;
}

const csvError = (e: RowError): FieldError => ({
  field: `rows.${e.row}.${e.column}`,
  message: `Row ${e.row}: ${e.message}`,
});
