import { ApplicationsService } from '@grants/applications';
import {
  ApplicationDecisions,
  AWARD_STATUS_LABELS,
  Award,
  STANDARD_CONDITIONS,
} from '@grants/awards';
import {
  AwardAcceptanceService,
  GrantPlan,
  planForApplication,
  returnTitle,
} from '@grants/monitoring';
import {
  ApplicantOnly,
  Clock,
  formatCalendarDate,
  formatPence,
  formatUkDate,
  InvalidTransitionException,
  NotFoundDomainException,
  ukToday,
} from '@grants/core';
import { ApplicantContext, CurrentApplicant, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, FormErrors, formText, renderPage, seeOther } from '../forms';
import {
  collectProblems,
  doneBanner,
  errorView,
  FormProblems,
  noFormProblems,
} from '../staff/assessment/page-problems';
import { ApplicantPageAccessFilter } from './applicant-page-access.filter';
import { applicationName } from './application-view';

const DONE_MESSAGES = {
  accepted: 'You have accepted the grant. The grants team will be in touch about payment.',
  declined: 'You have declined the grant. The money goes back to the fund.',
};

/** What the person typed, shown again when the form is refused. */
interface AwardFormValues {
  name: string;
  role: string;
  confirmed: boolean;
  reason: string;
}

const emptyValues = (): AwardFormValues => ({ name: '', role: '', confirmed: false, reason: '' });

/**
 * The grant offer and the organisation's answer to it: a named member accepts it on its
 * conditions, or declines it with a reason. Anyone not acting for the application's
 * organisation gets a 404 before any form is read.
 */
@Controller('applications')
@UseFilters(ApplicantPageAccessFilter)
export class AwardPagesController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly decisions: ApplicationDecisions,
    private readonly acceptance: AwardAcceptanceService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/award')
  @ApplicantOnly()
  async award(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Query('done') done?: string,
  ) {
    return this.page(request, reply, current, id, {
      banner: doneBanner(DONE_MESSAGES, done),
    });
  }

  @Post(':id/award/accept')
  @ApplicantOnly()
  async accept(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const body = asFormBody(raw);
    const values = {
      ...emptyValues(),
      name: formText(body, 'name'),
      role: formText(body, 'role'),
      confirmed: formText(body, 'confirmed') === 'yes',
    };
    return this.answer(request, reply, current, id, values, 'accepted', () =>
      this.acceptance.accept(current.applicant, id, values),
    );
  }

  /** Declining gives the money back to the round: the page warns before the button. */
  @Post(':id/award/decline')
  @ApplicantOnly()
  async decline(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const values = { ...emptyValues(), reason: formText(asFormBody(raw), 'reason') };
    return this.answer(request, reply, current, id, values, 'declined', () =>
      this.acceptance.decline(current.applicant, id, values.reason),
    );
  }

  private async answer(
    request: StaffRequest,
    reply: FastifyReply,
    current: ApplicantContext,
    id: string,
    values: AwardFormValues,
    done: keyof typeof DONE_MESSAGES,
    action: () => Promise<Award>,
  ) {
    // Checked first, so another organisation's applicant gets a 404 and never a form.
    await this.offer(current, id);
    const state = noFormProblems();
    let status: number;
    try {
      await action();
      return seeOther(reply, `/applications/${id}/award?done=${done}`);
    } catch (error) {
      if (error instanceof InvalidTransitionException) {
        // Answered already (here or by another member): the page shows the answer that stands.
        state.problems.push({ text: 'The organisation has already answered this offer' });
        status = error.status;
      } else
        status = collectProblems(error, state.errors, state.problems, {
          name: 'name',
          role: 'role',
          confirmed: 'confirmed',
          reason: 'reason',
        });
    }
    return this.page(request, reply, current, id, { values, ...state }, status);
  }

  /** The application and its offer, or 404 when it has none (or is not theirs). */
  private async offer(current: ApplicantContext, id: string) {
    const application = await this.applications.get(current.applicant, id);
    const decision = await this.decisions.of(application);
    if (decision?.kind !== 'awarded') throw new NotFoundDomainException('Grant offer');
    const award = await this.acceptance.forApplicant(current.applicant, application.id);
    return { application, decision, award };
  }

  private async page(
    request: StaffRequest,
    reply: FastifyReply,
    current: ApplicantContext,
    id: string,
    form: Partial<FormProblems> & { values?: AwardFormValues; banner?: string },
    status = 200,
  ) {
    const { application, decision, award } = await this.offer(current, id);
    const errors = form.errors ?? new FormErrors();
    return renderPage(
      request,
      reply,
      'applicants/applications/award.njk',
      {
        activeNav: 'applications',
        application: {
          id: application.id,
          name: applicationName(application),
          reference: application.reference,
          organisationName: application.organisation.name,
          roundTitle: application.round.title,
        },
        award: { ...decision, ...answerView(award) },
        conditions: STANDARD_CONDITIONS,
        // The payments and reporting that accepting today would set up.
        schedule:
          award.status === 'offered'
            ? scheduleView(
                planForApplication(award.amountPence, application, ukToday(this.clock.now())),
              )
            : null,
        banner: form.banner,
        values: form.values ?? emptyValues(),
        // The decline section opens by itself when its reason was refused.
        declineOpen: errors.has('reason'),
        ...errorView(errors, form.problems ?? []),
      },
      status,
    );
  }
}

function scheduleView(plan: GrantPlan) {
  return {
    startOn: formatCalendarDate(plan.startOn),
    endOn: formatCalendarDate(plan.endOn),
    paymentRows: plan.payments.map((p) => [
      { text: p.label },
      { text: formatPence(p.amountPence), format: 'numeric' },
    ]),
    returnRows: plan.returns.map((r) => [
      { text: returnTitle(r) },
      { text: `${formatCalendarDate(r.periodStartOn)} to ${formatCalendarDate(r.periodEndOn)}` },
      { text: formatCalendarDate(r.dueOn) },
    ]),
  };
}

/** The organisation's answer as the page states it. */
function answerView(award: Award) {
  return {
    status: award.status,
    statusLabel: AWARD_STATUS_LABELS[award.status],
    answeredOn: award.answeredAt ? formatUkDate(award.answeredAt) : null,
    answeredByName: award.answeredByName,
    answeredByRole: award.answeredByRole,
    declineReason: award.declineReason,
    // The offer's last day, a UK calendar date: accepting after it is refused.
    offerExpiresOn: award.offerExpiresOn ? formatCalendarDate(award.offerExpiresOn) : null,
    grantHref: `/applications/${award.applicationId}/grant`,
  };
}
