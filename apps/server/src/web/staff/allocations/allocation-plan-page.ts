import {
  AllocationPlanView,
  AllocationPublishedException,
  AllocationsService,
} from '@grants/allocations';
import { DecisionRecordsService } from '@grants/awards';
import { DomainException, formatPence, formatUkDate } from '@grants/core';
import { GrantRound, roundView } from '@grants/funds';
import type { StaffContext, StaffRequest } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FormErrors, renderPage } from '../../forms';
import { SignOffValues } from '../decisions/sign-off-form';
import { poundsText, SettingsValues } from './allocation-forms';
import {
  canManageAllocation,
  canSignAllocation,
  canPublishAllocationRecord,
} from './allocation-roles';
import { roundHeading } from './allocation-round';
import { planPage, previewPage } from './allocation-view';

/** A refusal with no field of its own links to where it can be put right, when there is a place. */
export interface PageProblem {
  text: string;
  href?: string;
}

/** What the plan page shows besides the plan: the form that failed, as typed, and its errors. */
export interface PlanPageState {
  errors?: FormErrors;
  problems?: PageProblem[];
  create?: SettingsValues;
  signOff?: SignOffValues;
  done?: string;
}

export const DONE: Record<string, string> = {
  created: 'Allocation plan started. Choose the partners next.',
  settings: 'Pot, minimum and maximum saved.',
  partners: 'Partners saved.',
  indicators: 'Indicators and weights saved.',
  values: 'Values saved.',
  imported: 'Values imported from the CSV file.',
  published: 'Allocations published as a decision record.',
  'record-published': 'Decision record published for the public and the Police and Crime Panel.',
};

/** The summary's list: refusals without a field first, then each field's. */
export function errorSummary(errors: FormErrors, problems: PageProblem[]) {
  return { errors: [...problems, ...errors.summary()], fieldErrors: errors.messages() };
}

/** A form posted to a plan published meanwhile: the plan page says why nothing changed. */
export function isPublishedRefusal(error: unknown): error is AllocationPublishedException {
  return error instanceof AllocationPublishedException;
}

/** The plan page: start a plan, follow its set-up, see what it gives, publish it; or read it. */
@Injectable()
export class AllocationPlanPage {
  constructor(
    private readonly allocations: AllocationsService,
    private readonly records: DecisionRecordsService,
  ) {}

  /** The plan page with a refusal (a published plan, a record that cannot be published) on top. */
  refused(
    request: StaffRequest,
    reply: FastifyReply,
    staff: StaffContext,
    round: GrantRound,
    plan: AllocationPlanView | null,
    error: DomainException,
  ) {
    return this.render(
      request,
      reply,
      staff,
      round,
      plan,
      { problems: [{ text: error.message }] },
      error.status,
    );
  }

  async render(
    request: StaffRequest,
    reply: FastifyReply,
    staff: StaffContext,
    round: GrantRound,
    plan: AllocationPlanView | null,
    state: PlanPageState = {},
    status = 200,
  ) {
    const manage = canManageAllocation(staff);
    const view = plan ? planPage(plan) : null;
    let preview = null;
    let previewProblem: string | null = null;
    if (plan && plan.status === 'draft' && plan.partners.length && plan.indicators.length) {
      try {
        preview = previewPage(await this.allocations.preview(plan.id));
      } catch (error) {
        if (!(error instanceof DomainException) || error.status >= 500) throw error;
        previewProblem = error.message;
      }
    }
    const budget = roundView(round).budgetPence;
    const record = plan?.status === 'published' ? await this.records.forRound(round.id) : null;
    return renderPage(
      request,
      reply,
      'staff/allocations/plan.njk',
      {
        round: roundHeading(round),
        budget: formatPence(budget),
        plan: view,
        preview,
        previewProblem,
        canManage: manage,
        canEdit: manage && plan?.status === 'draft',
        canPublish: canSignAllocation(staff) && preview !== null,
        record: record && {
          number: record.number,
          publishedOn: record.publishedAt ? formatUkDate(record.publishedAt) : null,
          href: `/decisions/${encodeURIComponent(record.number)}`,
        },
        canPublishRecord:
          record !== null && !record.publishedAt && canPublishAllocationRecord(staff),
        createValues: state.create ?? { pot: poundsText(budget), floor: '', cap: '' },
        signOffValues: state.signOff ?? {
          title: `${round.title}: allocations to partners`,
          summary: '',
          declarations: '',
        },
        doneMessage: state.done,
        ...errorSummary(state.errors ?? new FormErrors(), state.problems ?? []),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}
