import {
  Actor,
  AuditService,
  Clock,
  formatPence,
  MailOutboxService,
  ValidationException,
} from '@grants/core';
import { Application, APPLICATION_STATUS_LABELS, loadApplication } from '@grants/applications';
import {
  awardNoticeBody,
  DecisionRecord,
  DecisionRecordWriter,
  type Outcome,
} from '@grants/awards';
import { RoundBudgetService } from '@grants/funds';
import { Applicant } from '@grants/identity';
import { OrganisationsService } from '@grants/organisations';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { loadPlan } from '../allocation-plan-loader';
import { AllocationPlan } from '../entities/allocation-plan.entity';
import {
  NotAllocationProjectException,
  NotAwaitingApprovalException,
} from './allocation-projects.exceptions';
import { AllocationProjectsView, projectsOf, totalsOf } from './allocation-projects.view';
import { releasesOf } from './allocation-release.service';
import { PartnerLedger, partnerLedgers } from './partner-ledger';
import { publishedPlanFor } from './published-partner';

export const MAX_NOTE_LENGTH = 5000;

/** A partner's own view of one allocation it shares. */
export interface PartnerAllocationView extends PartnerLedger {
  planId: string;
  roundId: string;
  roundTitle: string;
  /** What a new project may still ask for: unspent less what is waiting for a decision. */
  availableToRequestPence: number;
}

/**
 * Partners' projects within their allocations. The decision maker approves a project (up to what
 * it asked for) or declines it; an approval becomes an offered award under the plan's published
 * decision record, so acceptance, payments and monitoring work as for any grant, and commits its
 * amount to the round's budget. The partner's allocation row is locked for every approval, so two
 * approvals at once can never take a partner past its allocation.
 */
@Injectable()
export class AllocationProjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly writer: DecisionRecordWriter,
    private readonly budget: RoundBudgetService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  async view(planId: string): Promise<AllocationProjectsView> {
    const manager = this.dataSource.manager;
    const { plan, decisionRecordNumber } = await loadPlan(manager, planId);
    const ledgers = await partnerLedgers(manager, plan.id);
    const projects = await projectsOf(manager, plan.roundId);
    return {
      planId: plan.id,
      roundId: plan.roundId,
      decisionRecordNumber,
      potPence: plan.potPence,
      totals: totalsOf(ledgers),
      partners: ledgers.map((l) => ({ ...l, projects: projects.get(l.organisationId) ?? [] })),
      releases: await releasesOf(manager, plan.id),
    };
  }

  /** The allocations the applicant's organisation shares, for its members only. */
  async forOrganisation(
    applicant: Applicant,
    organisationId: string,
  ): Promise<PartnerAllocationView[]> {
    const manager = this.dataSource.manager;
    await this.organisations.assertMember(manager, applicant, organisationId);
    const plans: { id: string; round_id: string; title: string }[] = await manager.query(
      `SELECT p.id, p.round_id, r.title FROM allocation_plans p
         JOIN grant_rounds r ON r.id = p.round_id
         JOIN partner_allocations pa ON pa.plan_id = p.id AND pa.organisation_id = $1
        WHERE p.status = 'published' ORDER BY p.published_at DESC`,
      [organisationId],
    );
    const views: PartnerAllocationView[] = [];
    for (const p of plans) {
      const [ledger] = await partnerLedgers(manager, p.id, { organisationId });
      views.push({
        ...ledger,
        planId: p.id,
        roundId: p.round_id,
        roundTitle: p.title,
        availableToRequestPence: Math.max(0, ledger.unspentPence - ledger.pendingPence),
      });
    }
    return views;
  }

  async approve(
    actor: Actor,
    applicationId: string,
    input: { amountPence: number; note?: string },
  ): Promise<AllocationProjectsView> {
    const note = checkNote(input.note, false);
    let planId = '';
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const { application, plan, record } = await this.decidable(manager, applicationId);
      planId = plan.id;
      const requested = application.amountRequestedPence ?? 0;
      const amount = input.amountPence;
      if (!Number.isSafeInteger(amount) || amount < 1 || amount > requested)
        throw new ValidationException([
          {
            field: 'amountPence',
            message: `Enter an amount from 1 penny to the ${formatPence(requested)} asked for`,
          },
        ]);
      const [ledger] = await partnerLedgers(manager, plan.id, {
        organisationId: application.organisationId,
      });
      // Refused with allocation_exceeded past what the partner has left, by the allocation's
      // commitment policy (allocation-commitment.policy.ts), as every commitment of its money is.
      // Projects still waiting are not reserved: approvals are first come, first served.
      await this.budget.commit(manager, plan.roundId, application.id, amount);
      const outcome: Outcome = {
        awarded: true,
        amountPence: amount,
        body: awardNoticeBody(amount, requested),
      };
      const ids = await this.settle(manager, application, outcome, record, actor);
      await this.audit.record(manager, actor, {
        action: 'allocation-project.approved',
        subjectType: 'allocation-plan',
        subjectId: plan.id,
        before: { organisationId: ledger.organisationId, unspentPence: ledger.unspentPence },
        after: {
          organisationId: ledger.organisationId,
          application: application.reference,
          amountPence: amount,
          unspentPence: ledger.unspentPence - amount,
        },
        reason: note || null,
      });
      return ids;
    });
    await this.outbox.dispatch(emailIds);
    return this.view(planId);
  }

  async decline(
    actor: Actor,
    applicationId: string,
    input: { reason?: string },
  ): Promise<AllocationProjectsView> {
    const reason = checkNote(input.reason, true);
    let planId = '';
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const { application, plan, record } = await this.decidable(manager, applicationId);
      planId = plan.id;
      const outcome: Outcome = {
        awarded: false,
        body: [
          `Your project has not been approved for funding from ${application.organisation.name}’s allocation.`,
          '',
          reason,
          '',
          'The allocation it asked for stays available for other projects.',
        ].join('\n'),
      };
      const ids = await this.settle(manager, application, outcome, record, actor);
      await this.audit.record(manager, actor, {
        action: 'allocation-project.declined',
        subjectType: 'allocation-plan',
        subjectId: plan.id,
        before: null,
        after: {
          organisationId: application.organisationId,
          application: application.reference,
        },
        reason,
      });
      return ids;
    });
    await this.outbox.dispatch(emailIds);
    return this.view(planId);
  }

  /**
   * The application (locked first), its published plan and the partner's allocation row (locked
   * second: the order submissions keep too), and the record its award will stand under.
   */
  private async decidable(
    manager: EntityManager,
    applicationId: string,
  ): Promise<{ application: Application; plan: AllocationPlan; record: DecisionRecord }> {
    const application = await loadApplication(manager, applicationId, { lock: true });
    if (application.round.decisionMethod !== 'allocation')
      throw new NotAllocationProjectException();
    const plan = await publishedPlanFor(manager, application.roundId, application.organisationId, {
      lock: true,
    });
    if (application.status !== 'eligible')
      throw new NotAwaitingApprovalException(
        APPLICATION_STATUS_LABELS[application.status].toLowerCase(),
      );
    const record = await manager.findOneByOrFail(DecisionRecord, { id: plan.decisionRecordId! });
    return { application, plan, record };
  }

  private settle(
    manager: EntityManager,
    application: Application,
    outcome: Outcome,
    record: DecisionRecord,
    actor: Actor,
  ): Promise<string[]> {
    return this.writer.settle(manager, application, outcome, record, actor, this.clock.now());
  }
}

function checkNote(text: string | undefined, required: boolean): string {
  const note = text?.trim() ?? '';
  const field = required ? 'reason' : 'note';
  if (required && !note)
    throw new ValidationException([
      { field, message: 'Enter the reason the partner will read for declining the project' },
    ]);
  if (note.length > MAX_NOTE_LENGTH)
    throw new ValidationException([
      { field, message: `The ${field} must be ${MAX_NOTE_LENGTH} characters or fewer` },
    ]);
  return note;
}
