import {
  DecisionPackageService,
  DecisionRecordsService,
  DecisionSignOffService,
} from '@grants/awards';
import { DomainException, StaffOnly } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readPounds } from '../../applicants/pounds-field';
import {
  asFormBody,
  FormErrors,
  formText,
  PageAccessFilter,
  renderPage,
  seeOther,
} from '../../forms';
import {
  collectProblems,
  doneBanner,
  errorView,
  FormProblems,
  submitForm,
} from '../assessment/page-problems';
import { loadScoredRound, roundHeading } from '../assessment/scored-round';
import {
  canDecide,
  canPublishRecord,
  canWriteFeedback,
  DECISION_MAKERS,
  DECISION_READERS,
  RECORD_PUBLISHERS,
} from './decision-roles';
import { decisionFieldIds, decisionPage, defaultRecordTitle } from './decision-view';
import { SIGN_OFF_FIELDS, SignOffValues, signOffValues } from './sign-off-form';

/** The form that failed, with what was typed, so the page shows it again beside its errors. */
type OpenForm =
  | { kind: 'amend'; applicationId: string; amount: string; amountReason: string }
  | { kind: 'decline'; applicationId: string; reason: string };

/** Its problems are refusals with no field of their own (over budget on a plain approval, signed off). */
interface PageState extends FormProblems {
  open?: OpenForm;
  signOff?: SignOffValues;
  done?: string;
}

const DONE: Record<string, string> = {
  approved: 'Application approved.',
  amended: 'Application approved at the amended amount.',
  declined: 'Application declined.',
  'signed-off': 'Decision signed off. The applicants have been told.',
  published: 'Decision record published.',
  feedback: 'Feedback for the applicant saved.',
};

/**
 * The decision maker's page for a round: the package the grants officer sent, each recommended
 * application approved (at the amount requested or a smaller one, with a reason) or declined,
 * then signed off as a decision record that the office publishes.
 */
@Controller('staff/rounds/:roundId/decision')
@UseFilters(PageAccessFilter)
export class DecisionPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly packages: DecisionPackageService,
    private readonly signOffs: DecisionSignOffService,
    private readonly records: DecisionRecordsService,
  ) {}

  @Get()
  @StaffOnly(...DECISION_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Query('done') done?: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    return this.render(request, reply, round, staff, {
      errors: new FormErrors(),
      problems: [],
      done: doneBanner(DONE, done),
    });
  }

  @Post('approve/:applicationId')
  @StaffOnly(...DECISION_MAKERS)
  async approve(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    return submitForm(
      reply,
      () => this.packages.approve(round.id, applicationId, {}, staffActor(staff.user)),
      this.href(round, 'approved'),
      (state, status) => this.render(request, reply, round, staff, state, status),
    );
  }

  @Post('amend/:applicationId')
  @StaffOnly(...DECISION_MAKERS)
  async amend(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const body = asFormBody(raw);
    const open: OpenForm = {
      kind: 'amend',
      applicationId,
      amount: formText(body, 'amount'),
      amountReason: formText(body, 'amountReason'),
    };
    const ids = decisionFieldIds(applicationId);
    const errors = new FormErrors();
    const problems: { text: string }[] = [];
    const amountPence = readPounds(
      open.amount,
      ids.amount,
      { what: 'the amount to approve', label: 'The amount to approve' },
      errors,
    );
    let status = 422;
    if (amountPence !== null) {
      try {
        await this.packages.approve(
          round.id,
          applicationId,
          { amountPence, amountReason: open.amountReason },
          staffActor(staff.user),
        );
        return seeOther(reply, this.href(round, 'amended'));
      } catch (error) {
        // Over budget is about the amount typed: the message belongs on that field.
        if (error instanceof DomainException && error.code === 'budget_exceeded') {
          errors.add(ids.amount, error.message);
          status = error.status;
        } else
          status = collectProblems(error, errors, problems, {
            amountPence: ids.amount,
            amountReason: ids.amountReason,
          });
      }
    }
    return this.render(request, reply, round, staff, { errors, problems, open }, status);
  }

  @Post('decline/:applicationId')
  @StaffOnly(...DECISION_MAKERS)
  async decline(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Param('applicationId') applicationId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const open: OpenForm = {
      kind: 'decline',
      applicationId,
      reason: formText(asFormBody(raw), 'reason'),
    };
    return submitForm(
      reply,
      () => this.packages.decline(round.id, applicationId, open.reason, staffActor(staff.user)),
      this.href(round, 'declined'),
      (state, status) => this.render(request, reply, round, staff, { ...state, open }, status),
      { reason: decisionFieldIds(applicationId).declineReason },
    );
  }

  @Post('sign-off')
  @StaffOnly(...DECISION_MAKERS)
  async signOff(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    const signOff = signOffValues(raw);
    return submitForm(
      reply,
      () => this.signOffs.signOff(round.id, signOff, staffActor(staff.user)),
      this.href(round, 'signed-off'),
      (state, status) => this.render(request, reply, round, staff, { ...state, signOff }, status),
      // The applications still to decide are listed in the table.
      { ...SIGN_OFF_FIELDS, decisions: 'decisions' },
    );
  }

  @Post('publish')
  @StaffOnly(...RECORD_PUBLISHERS)
  async publish(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
  ) {
    const round = await loadScoredRound(this.rounds, roundId);
    return submitForm(
      reply,
      () => this.records.publish(round.id, staffActor(staff.user)),
      this.href(round, 'published'),
      (state, status) => this.render(request, reply, round, staff, state, status),
    );
  }

  private href(round: GrantRound, done: string): string {
    return `/staff/rounds/${round.id}/decision?done=${done}`;
  }

  private async render(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    staff: StaffContext,
    state: PageState,
    status = 200,
  ) {
    const page = decisionPage(await this.packages.view(round.id));
    const open = page.status === 'open';
    return renderPage(
      request,
      reply,
      'staff/decisions/package.njk',
      {
        round: roundHeading(round),
        ...page,
        canDecide: open && canDecide(staff),
        canWriteFeedback: open && canWriteFeedback(staff),
        canPublish: page.record !== null && !page.record.publishedAt && canPublishRecord(staff),
        open: state.open ?? null,
        signOffValues: state.signOff ?? {
          title: defaultRecordTitle(round),
          summary: '',
          declarations: '',
        },
        doneMessage: state.done,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-decisions',
      },
      status,
    );
  }
}
