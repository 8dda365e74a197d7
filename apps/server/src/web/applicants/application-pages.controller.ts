import {
  AlreadySubmittedException,
  ApplicationChangedException,
  Application,
  ApplicationsService,
  DeadlinePassedException,
  ReasonRequiredException,
  RoundNotOpenForApplicationsException,
  SECTION_KEYS,
  sectionOfField,
} from '@grants/applications';
import {
  ApplicantOnly,
  Clock,
  formatUk,
  InvalidTransitionException,
  ValidationException,
} from '@grants/core';
import { ApplicationDecisions } from '@grants/awards';
import { roundView, RoundsService } from '@grants/funds';
import { ApplicantContext, CurrentApplicant, StaffRequest } from '@grants/identity';
import { OrganisationsService } from '@grants/organisations';
import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ErrorSummaryItem, asFormBody, formText, renderPage, seeOther } from '../forms';
import { ApplicantPageAccessFilter } from './applicant-page-access.filter';
import {
  applicationName,
  canWithdraw,
  checkAnswerRows,
  isEditable,
  statusBanner,
  statusTag,
  taskListItems,
} from './application-view';

/**
 * The applicant's applications: the dashboard, each one's task list, checking and submitting,
 * the confirmation, messages, and withdrawing. The service answers 404 for an application of
 * an organisation the applicant does not act for, whatever the page.
 */
@Controller('applications')
@UseFilters(ApplicantPageAccessFilter)
export class ApplicationPagesController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly rounds: RoundsService,
    private readonly clock: Clock,
    private readonly organisations: OrganisationsService,
    private readonly decisions: ApplicationDecisions,
  ) {}

  @Get()
  @ApplicantOnly()
  async dashboard(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
  ) {
    const [applications, openRounds, invitations] = await Promise.all([
      this.applications.listFor(current.applicant),
      this.rounds.list({ status: 'open' }),
      this.organisations.pendingInvitesFor(current.applicant),
    ]);
    const now = this.clock.now();
    return renderPage(request, reply, 'applicants/applications/dashboard.njk', {
      activeNav: 'applications',
      applications: applications.map((a) => ({
        id: a.id,
        reference: a.reference,
        name: applicationName(a),
        roundTitle: a.round.title,
        organisationName: a.organisation.name,
        tag: statusTag(a),
      })),
      // Invitations wait to be answered on "Your organisations": say so where people land.
      invitations: invitations.map((i) => ({ organisationName: i.organisationName })),
      openRounds: openRounds
        .filter((r) => r.closesAt > now)
        .sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime())
        .map(roundView),
    });
  }

  @Get(':id')
  @ApplicantOnly()
  async taskList(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
  ) {
    const application = await this.applications.get(current.applicant, id);
    const taskList = this.applications.taskList(application);
    const allDone = taskList.completed === SECTION_KEYS.length;
    return renderPage(request, reply, 'applicants/applications/task-list.njk', {
      activeNav: 'applications',
      application: this.summary(application),
      round: roundSummary(application.round),
      banner: statusBanner(application, await this.decisions.of(application)),
      items: taskListItems(application, taskList),
      completed: taskList.completed,
      sectionCount: SECTION_KEYS.length,
      checkItem: {
        title: { text: 'Check your answers and submit' },
        href:
          allDone && isEditable(application) ? `/applications/${application.id}/check` : undefined,
        status:
          allDone && isEditable(application)
            ? { tag: { text: 'Not started', classes: 'govuk-tag--blue' } }
            : isEditable(application)
              ? { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' }
              : { text: statusTag(application).text },
      },
    });
  }

  @Get(':id/check')
  @ApplicantOnly()
  async checkAnswers(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
  ) {
    const application = await this.applications.get(current.applicant, id);
    return this.checkPage(request, reply, application, { response: '' });
  }

  @Post(':id/submit')
  @ApplicantOnly()
  async submit(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const application = await this.applications.get(current.applicant, id);
    const response = formText(asFormBody(raw), 'response');
    try {
      await this.applications.submit(
        current.applicant,
        application.id,
        application.status === 'more-information' ? { response } : {},
      );
    } catch (error) {
      const problems = submissionProblems(application, error);
      if (error instanceof AlreadySubmittedException)
        return seeOther(reply, `/applications/${application.id}/submitted`);
      if (error instanceof InvalidTransitionException)
        return seeOther(reply, `/applications/${application.id}`);
      // Changed in another tab while this submitted: show the answers as they now are.
      if (error instanceof ApplicationChangedException)
        return this.checkPage(
          request,
          reply,
          await this.applications.get(current.applicant, id),
          { response, errors: [{ text: error.message, href: '#main-content' }] },
          409,
        );
      if (!problems) throw error;
      return this.checkPage(request, reply, application, { response, ...problems }, 422);
    }
    return seeOther(reply, `/applications/${application.id}/submitted`);
  }

  @Get(':id/submitted')
  @ApplicantOnly()
  async submitted(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
  ) {
    const application = await this.applications.get(current.applicant, id);
    if (!application.reference || application.status !== 'submitted')
      return seeOther(reply, `/applications/${application.id}`);
    return renderPage(request, reply, 'applicants/applications/submitted.njk', {
      activeNav: 'applications',
      application: this.summary(application),
      round: roundSummary(application.round),
      answered: application.outcomeReason !== null,
    });
  }

  @Get(':id/messages')
  @ApplicantOnly()
  async messages(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
  ) {
    const application = await this.applications.get(current.applicant, id);
    const messages = await this.applications.messages(current.applicant, application.id);
    return renderPage(request, reply, 'applicants/applications/messages.njk', {
      activeNav: 'applications',
      application: this.summary(application),
      messages: messages.map((m) => ({
        subject: m.subject,
        sentAt: formatUk(m.createdAt),
        fromYou: m.sender === 'applicant',
        paragraphs: m.body.split(/\r?\n\s*\r?\n/).map((p) => p.split(/\r?\n/)),
      })),
    });
  }

  @Get(':id/withdraw')
  @ApplicantOnly()
  async withdrawPage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
  ) {
    const application = await this.applications.get(current.applicant, id);
    if (!canWithdraw(application)) return seeOther(reply, `/applications/${application.id}`);
    return this.withdrawForm(request, reply, application, '');
  }

  @Post(':id/withdraw')
  @ApplicantOnly()
  async withdraw(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const application = await this.applications.get(current.applicant, id);
    const reason = formText(asFormBody(raw), 'reason');
    try {
      await this.applications.withdraw(current.applicant, application.id, reason);
    } catch (error) {
      if (error instanceof InvalidTransitionException)
        return seeOther(reply, `/applications/${application.id}`);
      if (!(error instanceof ValidationException)) throw error;
      return this.withdrawForm(request, reply, application, reason, error.errors[0]?.message);
    }
    return seeOther(reply, `/applications/${application.id}`);
  }

  private withdrawForm(
    request: StaffRequest,
    reply: FastifyReply,
    application: Application,
    reason: string,
    error?: string,
  ) {
    return renderPage(
      request,
      reply,
      'applicants/applications/withdraw.njk',
      {
        activeNav: 'applications',
        application: this.summary(application),
        values: { reason },
        errors: error ? [{ text: error, href: '#reason' }] : [],
        fieldErrors: error ? { reason: { text: error } } : {},
      },
      error ? 422 : 200,
    );
  }

  private checkPage(
    request: StaffRequest,
    reply: FastifyReply,
    application: Application,
    form: { response: string; errors?: ErrorSummaryItem[]; responseError?: string },
    status = 200,
  ) {
    const round = application.round;
    const now = this.clock.now();
    const deadlinePassed =
      !application.firstSubmittedAt && (round.status !== 'open' || now >= round.closesAt);
    return renderPage(
      request,
      reply,
      'applicants/applications/check.njk',
      {
        activeNav: 'applications',
        application: this.summary(application),
        round: roundSummary(round),
        rows: checkAnswerRows(application),
        editable: isEditable(application),
        moreInformation: application.status === 'more-information',
        question: application.outcomeReason,
        deadlineMessage:
          isEditable(application) && deadlinePassed
            ? new DeadlinePassedException(round.closesAt).message
            : null,
        values: { response: form.response },
        errors: form.errors ?? [],
        fieldErrors: form.responseError ? { response: { text: form.responseError } } : {},
      },
      status,
    );
  }

  private summary(application: Application) {
    return {
      id: application.id,
      name: applicationName(application),
      reference: application.reference,
      status: application.status,
      tag: statusTag(application),
      organisationName: application.organisation.name,
      roundTitle: application.round.title,
      canWithdraw: canWithdraw(application),
      editable: isEditable(application),
    };
  }
}

/** What the application pages show of its round (loaded without its budget). */
function roundSummary(round: Application['round']) {
  return { id: round.id, title: round.title, closesAtUk: formatUk(round.closesAt) };
}

/**
 * What stopped a submission, for the check page: each unfinished answer links to its section,
 * an answer to the officer's question to its box; a deadline or closed round is said as it is.
 */
function submissionProblems(
  application: Application,
  error: unknown,
): { errors: ErrorSummaryItem[]; responseError?: string } | null {
  if (error instanceof ValidationException) {
    const responseError = error.errors.find((e) => e.field === 'response')?.message;
    return {
      errors: error.errors.map((e) => ({
        text: e.message,
        href:
          e.field === 'response'
            ? '#response'
            : `/applications/${application.id}/${sectionOfField(e.field)}`,
      })),
      responseError,
    };
  }
  if (error instanceof ReasonRequiredException)
    return { errors: [{ text: error.message, href: '#response' }], responseError: error.message };
  if (
    error instanceof DeadlinePassedException ||
    error instanceof RoundNotOpenForApplicationsException
  )
    // The page shows the deadline as a warning in place of the submit form: no summary to repeat it.
    return { errors: [] };
  return null;
}
