import {
  Application,
  APPLICATION_STATUS_LABELS,
  ApplicationNotFoundException,
  AppraisalService,
} from '@grants/applications';
import {
  DomainException,
  InvalidTransitionException,
  StaffOnly,
  ValidationException,
} from '@grants/core';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  asFormBody,
  ErrorSummaryItem,
  FormErrors,
  formText,
  PageAccessFilter,
  renderPage,
  seeOther,
} from '../../forms';
import { applicationView, messageView, OUTCOME_REASON_LABELS } from './application-page-views';
import {
  addAppraisalErrors,
  AppraisalFormValues,
  appraisalFormValues,
  parseAppraisalForm,
} from './appraisal-form';
import { APPLICATION_READERS, APPLICATION_WRITERS, canAppraise } from './staff-roles';

/** The banner after each change; the key comes back in the redirect's query string. */
const DONE_MESSAGES: Record<string, string> = {
  checklist: 'Checklist saved.',
  eligible: 'Marked eligible. The applicant has been emailed.',
  ineligible: 'Marked not eligible. The applicant has been emailed the reason.',
  'more-information': 'More information requested. The applicant has been emailed your question.',
  reopened: 'Reopened for a correction. The applicant has been emailed what to correct.',
};

/**
 * One application for the grants officer: what was sent, the automatic checks, the messages,
 * and the appraisal (checklist and outcome) or reopening it for a correction.
 */
@Controller('staff/applications')
@UseFilters(PageAccessFilter)
export class AppraisalPagesController {
  constructor(private readonly appraisal: AppraisalService) {}

  @Get(':id')
  @StaffOnly(...APPLICATION_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
    @Query('done') done?: unknown,
  ) {
    const application = await this.load(id);
    const values = appraisalFormValues(application.appraisalChecklist);
    return this.render(request, reply, {
      ...(await this.page(application, staff, values, new FormErrors())),
      doneMessage:
        typeof done === 'string' && Object.hasOwn(DONE_MESSAGES, done)
          ? DONE_MESSAGES[done]
          : undefined,
    });
  }

  @Post(':id/appraisal')
  @StaffOnly(...APPLICATION_WRITERS)
  async appraise(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const application = await this.load(id);
    const parsed = parseAppraisalForm(asFormBody(raw));
    let status = 422;
    let problems: { text: string }[] = [];
    let shown = application;
    if (parsed.input) {
      try {
        await this.appraisal.appraise(application.id, parsed.input, staffActor(staff.user));
        const done = parsed.input.outcome ?? 'checklist';
        return seeOther(reply, `/staff/applications/${application.id}?done=${done}`);
      } catch (error) {
        if (!(error instanceof DomainException) || error.status >= 500) throw error;
        status = error.status;
        if (error instanceof ValidationException) addAppraisalErrors(parsed, error.errors);
        else if (error.field)
          addAppraisalErrors(parsed, [{ field: error.field, message: error.message }]);
        else {
          // Someone else got there first (it is no longer awaiting appraisal): the page as it
          // is now, saying what happened.
          shown = await this.load(id);
          problems = [{ text: this.problemText(error, shown, 'appraised') }];
        }
      }
    }
    return this.render(
      request,
      reply,
      await this.page(shown, staff, parsed.values, parsed.errors, problems),
      status,
    );
  }

  @Get(':id/reopen')
  @StaffOnly(...APPLICATION_WRITERS)
  async reopenForm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ) {
    const application = await this.load(id);
    if (application.status !== 'submitted')
      return seeOther(reply, `/staff/applications/${application.id}`);
    return renderPage(request, reply, 'staff/applications/reopen.njk', {
      application: applicationView(application),
      values: { reason: '' },
      errors: [],
      fieldErrors: {},
      activeNav: 'staff-applications',
    });
  }

  @Post(':id/reopen')
  @StaffOnly(...APPLICATION_WRITERS)
  async reopen(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const application = await this.load(id);
    const reason = formText(asFormBody(raw), 'reason');
    const errors = new FormErrors();
    let summary: ErrorSummaryItem[] | { text: string }[];
    let status: number;
    try {
      await this.appraisal.reopen(application.id, reason, staffActor(staff.user));
      return seeOther(reply, `/staff/applications/${application.id}?done=reopened`);
    } catch (error) {
      if (!(error instanceof DomainException) || error.status >= 500) throw error;
      status = error.status;
      if (error.field) {
        errors.add('reason', error.message);
        summary = errors.summary();
      } else summary = [{ text: this.problemText(error, await this.load(id), 'reopened') }];
    }
    return renderPage(
      request,
      reply,
      'staff/applications/reopen.njk',
      {
        application: applicationView(await this.load(id)),
        values: { reason },
        errors: summary,
        fieldErrors: errors.messages(),
        activeNav: 'staff-applications',
      },
      status,
    );
  }

  /**
   * The appraisal page carries a little CSS of its own (the outcome boxes revealed under their
   * radios), allowed by the page's CSP style nonce.
   */
  private render(request: StaffRequest, reply: FastifyReply, data: object, status = 200) {
    return renderPage(
      request,
      reply,
      'staff/applications/show.njk',
      { ...data, styleNonce: reply.cspNonce?.style },
      status,
    );
  }

  /** A refused change of status says where the application is now, in words. */
  private problemText(error: DomainException, now: Application, what: string): string {
    if (!(error instanceof InvalidTransitionException)) return error.message;
    return `This application cannot be ${what} now: its status is ${APPLICATION_STATUS_LABELS[now.status].toLowerCase()}.`;
  }

  /** Drafts never sent are the applicant's own: staff see an application once it has a reference. */
  private async load(id: string): Promise<Application> {
    const application = await this.appraisal.get(id);
    if (application.reference === null) throw new ApplicationNotFoundException();
    return application;
  }

  private async page(
    application: Application,
    staff: StaffContext,
    values: AppraisalFormValues,
    errors: FormErrors,
    problems: { text: string }[] = [],
  ) {
    const view = applicationView(application);
    const writer = canAppraise(staff);
    const awaiting = application.status === 'submitted';
    const messages = await this.appraisal.messages(application.id);
    return {
      application: view,
      outcomeReasonLabel: OUTCOME_REASON_LABELS[application.status] ?? null,
      messages: messages.map(messageView),
      canAppraise: writer && awaiting,
      canReopen: writer && awaiting,
      // Marking eligible over a failed check asks for a reason for staff.
      failedCheckCount: application.eligibilityChecks.filter((c) => !c.passed).length,
      checklistItems: application.round.appraisalChecklist.map((item) => ({
        value: item,
        text: item,
        checked: values.confirmed.includes(item),
      })),
      values,
      errors: [...problems, ...errors.summary()],
      fieldErrors: errors.messages(),
      activeNav: 'staff-applications',
    };
  }
}
