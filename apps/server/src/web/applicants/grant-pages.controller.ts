import { AWARD_STATUS_LABELS } from '@grants/awards';
import {
  ApplicantOnly,
  Clock,
  formatCalendarDate,
  formatPence,
  formatUkDate,
  ukToday,
} from '@grants/core';
import { ApplicantContext, CurrentApplicant, StaffRequest } from '@grants/identity';
import {
  AwardVariationsService,
  GrantDetail,
  GrantSummary,
  GrantViewsService,
  MonitoringReturn,
  MonitoringReturnsService,
  RAG_LABELS,
  RAG_STATUSES,
  RagStatus,
  returnTitle,
} from '@grants/monitoring';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, FormErrors, renderPage } from '../forms';
import { doneBanner, errorView, FormProblems, submitForm } from '../staff/assessment/page-problems';
import { ApplicantPageAccessFilter } from './applicant-page-access.filter';
import {
  emptyVariationForm,
  inPageOrder,
  parseReturnForm,
  parseVariationForm,
  readReturnForm,
  readVariationForm,
  RETURN_FIELDS,
  returnFormValues,
  ReturnFormValues,
  VARIATION_FIELDS,
  VariationFormValues,
} from './grant-forms';

const DONE_MESSAGES = {
  return: 'Your monitoring return has been sent to the grants team.',
  variation: 'Your request to change the grant has been sent to the grants team.',
};

const RETURN_STATUS_TAGS: Record<MonitoringReturn['status'], { text: string; classes: string }> = {
  due: { text: 'To do', classes: 'govuk-tag--blue' },
  'more-information': { text: 'More information needed', classes: 'govuk-tag--orange' },
  submitted: { text: 'Sent', classes: 'govuk-tag--grey' },
  accepted: { text: 'Accepted', classes: 'govuk-tag--green' },
};

const PAYMENT_STATUS_LABELS = {
  scheduled: 'Not due yet',
  due: 'Due',
  paid: 'Paid',
  cancelled: 'Cancelled',
};

const VARIATION_STATUS_TAGS = {
  requested: { text: 'Waiting for a decision', classes: 'govuk-tag--blue' },
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  declined: { text: 'Declined', classes: 'govuk-tag--red' },
};

const RAG_TAG_CLASSES: Record<RagStatus, string> = {
  green: 'govuk-tag--green',
  amber: 'govuk-tag--yellow',
  red: 'govuk-tag--red',
};

const CLOSURE_LABELS = { completed: 'Completed', 'ended-early': 'Ended early' };

/**
 * The grantee's side of a grant after the offer: the organisation's grants, each grant's
 * payments, monitoring returns and changes, the return form and the change request. Every page
 * and post first loads the grant through the service, which answers 404 unless the applicant
 * acts for the grant's organisation.
 */
@Controller()
@UseFilters(ApplicantPageAccessFilter)
export class GrantPagesController {
  constructor(
    private readonly views: GrantViewsService,
    private readonly returns: MonitoringReturnsService,
    private readonly variations: AwardVariationsService,
    private readonly clock: Clock,
  ) {}

  /** `/grants` is the public list of awarded grants; the grantee's own are here. */
  @Get('your-grants')
  @ApplicantOnly()
  async list(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
  ) {
    const grants = await this.views.forApplicant(current.applicant, this.clock.now());
    return renderPage(request, reply, 'applicants/grants/list.njk', {
      activeNav: 'grants',
      grants: grants.map(summaryView),
    });
  }

  @Get('applications/:id/grant')
  @ApplicantOnly()
  async grant(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Query('done') done?: string,
  ) {
    const detail = await this.detail(current, id);
    return renderPage(request, reply, 'applicants/grants/grant.njk', {
      activeNav: 'grants',
      banner: doneBanner(DONE_MESSAGES, done),
      ...grantView(detail, this.now()),
    });
  }

  @Get('applications/:id/grant/returns/:returnId')
  @ApplicantOnly()
  async returnPage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Param('returnId') returnId: string,
  ) {
    return this.showReturn(request, reply, current, id, returnId, null);
  }

  @Post('applications/:id/grant/returns/:returnId')
  @ApplicantOnly()
  async submitReturn(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Param('returnId') returnId: string,
    @Body() raw: unknown,
  ) {
    // Checked first, so another organisation's applicant gets a 404 and never a form.
    await this.returns.forApplicant(current.applicant, id, returnId);
    const values = readReturnForm(asFormBody(raw));
    const formErrors = new FormErrors();
    const answers = parseReturnForm(values, formErrors);
    return submitForm(
      reply,
      () => this.returns.submit(current.applicant, id, returnId, answers),
      `/applications/${id}/grant?done=return`,
      (state, status) =>
        this.showReturn(request, reply, current, id, returnId, {
          values,
          state: merged(formErrors, state, RETURN_FIELDS),
          status,
        }),
      Object.fromEntries(RETURN_FIELDS.map((f) => [f, f])),
    );
  }

  @Get('applications/:id/grant/variation')
  @ApplicantOnly()
  async variationPage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
  ) {
    return this.showVariation(request, reply, current, id, null);
  }

  @Post('applications/:id/grant/variation')
  @ApplicantOnly()
  async requestVariation(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    await this.detail(current, id);
    const values = readVariationForm(asFormBody(raw));
    const formErrors = new FormErrors();
    const { request: change, fieldIds } = parseVariationForm(values, formErrors);
    return submitForm(
      reply,
      () => this.variations.request(current.applicant, id, change),
      `/applications/${id}/grant?done=variation`,
      (state, status) =>
        this.showVariation(request, reply, current, id, {
          values,
          state: merged(formErrors, state, VARIATION_FIELDS),
          status,
        }),
      fieldIds,
    );
  }

  private now() {
    return this.clock.now();
  }

  private detail(current: ApplicantContext, id: string): Promise<GrantDetail> {
    return this.views.detailForApplicant(current.applicant, id, this.clock.now());
  }

  private async showReturn(
    request: StaffRequest,
    reply: FastifyReply,
    current: ApplicantContext,
    id: string,
    returnId: string,
    form: { values: ReturnFormValues; state: FormProblems; status: number } | null,
  ) {
    const found = await this.returns.forApplicant(current.applicant, id, returnId);
    const detail = await this.detail(current, id);
    const grant = grantView(detail, this.now());
    const live = detail.award.status === 'accepted';
    // A return reports on its period: it can be sent from the period's last day.
    const periodOver = grant.todayIso >= found.periodEndOn;
    const open =
      live && periodOver && (found.status === 'due' || found.status === 'more-information');
    const errors = form?.state.errors ?? new FormErrors();
    const values = form?.values ?? returnFormValues(found);
    return renderPage(
      request,
      reply,
      'applicants/grants/return.njk',
      {
        activeNav: 'grants',
        grant: grant.grant,
        monitoringReturn: returnView(found, id, grant.todayIso),
        open,
        notYet: live && !periodOver,
        values,
        ragItems: RAG_STATUSES.map((value) => ({
          value,
          text: RAG_LABELS[value],
          checked: values.rag === value,
        })),
        ...errorView(errors, form?.state.problems ?? []),
      },
      form?.status ?? 200,
    );
  }

  private async showVariation(
    request: StaffRequest,
    reply: FastifyReply,
    current: ApplicantContext,
    id: string,
    form: { values: VariationFormValues; state: FormProblems; status: number } | null,
  ) {
    const detail = await this.detail(current, id);
    const grant = grantView(detail, this.now());
    const errors = form?.state.errors ?? new FormErrors();
    return renderPage(
      request,
      reply,
      'applicants/grants/variation.njk',
      {
        activeNav: 'grants',
        grant: grant.grant,
        canRequest: grant.canRequestChange,
        waiting: grant.variations.some((v) => v.status === 'requested'),
        values: form?.values ?? emptyVariationForm(),
        ...errorView(errors, form?.state.problems ?? []),
      },
      form?.status ?? 200,
    );
  }
}

/** The form's own errors first (they are the ones to fix), then the service's, in page order. */
function merged(formErrors: FormErrors, state: FormProblems, order: readonly string[]) {
  for (const { href, text } of state.errors.summary()) formErrors.add(href.slice(1), text);
  return { errors: inPageOrder(formErrors, order), problems: state.problems };
}

const money = (pence: number) => formatPence(pence);
const day = (iso: string | null) => (iso ? formatCalendarDate(iso) : null);

function ragTag(rag: RagStatus | null) {
  return rag ? { text: RAG_LABELS[rag], classes: RAG_TAG_CLASSES[rag] } : null;
}

export function summaryView(s: GrantSummary) {
  return {
    applicationId: s.applicationId,
    reference: s.reference,
    projectTitle: s.projectTitle,
    organisationName: s.organisationName,
    roundTitle: s.roundTitle,
    status: s.status,
    statusLabel: AWARD_STATUS_LABELS[s.status],
    amount: money(s.amountPence),
    paid: money(s.paidPence),
    nextReturnDue: s.status === 'accepted' ? day(s.nextReturnDueOn) : null,
    overdue: s.status === 'accepted' && s.overdueReturns > 0,
    offerExpires: s.status === 'offered' ? day(s.offerExpiresOn) : null,
  };
}

function returnView(r: MonitoringReturn, applicationId: string, todayIso: string) {
  return {
    id: r.id,
    href: `/applications/${applicationId}/grant/returns/${r.id}`,
    title: returnTitle(r),
    kind: r.kind,
    status: r.status,
    period: `${formatCalendarDate(r.periodStartOn)} to ${formatCalendarDate(r.periodEndOn)}`,
    dueOn: formatCalendarDate(r.dueOn),
    tag: RETURN_STATUS_TAGS[r.status],
    overdue: r.status === 'due' && r.dueOn < todayIso,
    toAnswer: r.status === 'due' || r.status === 'more-information',
    periodOver: todayIso >= r.periodEndOn,
    opensOn: formatCalendarDate(r.periodEndOn),
    question: r.status === 'more-information' ? r.question : null,
    submittedOn: r.submittedAt ? formatUkDate(r.submittedAt) : null,
    progress: r.progress,
    spendToDate: r.spendToDatePence === null ? null : money(r.spendToDatePence),
    peopleReached: r.peopleReached,
    outcomes: r.outcomes,
    granteeRag: ragTag(r.granteeRag),
    granteeRagReason: r.granteeRagReason,
    changesNeeded: r.changesNeeded,
    officerRag: r.status === 'accepted' ? ragTag(r.officerRag) : null,
    officerComment: r.status === 'accepted' ? r.officerComment : null,
  };
}

function grantView(
  { summary, award, payments, returns, variations, duePence }: GrantDetail,
  now: Date,
) {
  const todayIso = ukToday(now);
  const live = award.status === 'accepted';
  return {
    todayIso,
    canRequestChange: live && !variations.some((v) => v.status === 'requested'),
    grant: {
      applicationId: award.applicationId,
      reference: summary.reference,
      projectTitle: summary.projectTitle,
      organisationName: summary.organisationName,
      roundTitle: summary.roundTitle,
      status: award.status,
      statusLabel: AWARD_STATUS_LABELS[award.status],
      live,
      amount: money(award.amountPence),
      paid: money(summary.paidPence),
      due: money(duePence),
      startOn: day(award.plannedStartOn),
      endOn: day(award.plannedEndOn),
      offerExpiresOn: day(award.offerExpiresOn),
      acceptedOn:
        award.status !== 'offered' && award.answeredAt ? formatUkDate(award.answeredAt) : null,
      closedOn: award.closedAt ? formatUkDate(award.closedAt) : null,
      outcome: award.closedOutcome ? CLOSURE_LABELS[award.closedOutcome] : null,
      closureNote: award.closureNote,
      returned: award.returnedPence > 0 ? money(award.returnedPence) : null,
      rag: ragTag(summary.rag),
    },
    payments: payments.map((p) => ({
      label: p.label,
      amount: money(p.amountPence),
      status: PAYMENT_STATUS_LABELS[p.status],
      paidOn: day(p.paidOn),
      reference: p.reference,
    })),
    returns: returns.map((r) => returnView(r, award.applicationId, todayIso)),
    variations: variations.map((v) => ({
      requestedOn: formatUkDate(v.createdAt),
      tag: VARIATION_STATUS_TAGS[v.status],
      status: v.status,
      changes: [
        ...(v.newAmountPence !== null
          ? [`Amount from ${money(v.previousAmountPence)} to ${money(v.newAmountPence)}`]
          : []),
        ...(v.newEndOn !== null
          ? [
              `End date ${v.previousEndOn ? `from ${formatCalendarDate(v.previousEndOn)} ` : ''}to ${formatCalendarDate(v.newEndOn)}`,
            ]
          : []),
        ...(v.budgetChanges ? [`Budget lines: ${v.budgetChanges}`] : []),
      ],
      reason: v.reason,
      decidedOn: v.decidedAt ? formatUkDate(v.decidedAt) : null,
      decisionReason: v.decisionReason,
    })),
  };
}
