import { Clock, formatUkDate, StaffOnly, ukToday } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import {
  GrantDetail,
  GrantViewsService,
  MonitoringReturn,
  MonitoringReturnsService,
  RAG_LABELS,
  ReturnNotFoundException,
  ReturnReview,
} from '@grants/monitoring';
import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, formText, PageAccessFilter, renderPage, seeOther } from '../../forms';
import { errorView, FormProblems, noFormProblems, refusalOf } from '../assessment/page-problems';
import { grantHeading } from './grant-pages.controller';
import { GRANT_OFFICERS } from './grant-roles';
import { ragItems, ragTag, returnAnswers, returnHeading, returnStatusTag } from './grant-view';

interface ReviewFormValues {
  rag: string;
  comment: string;
  outcome: string;
  question: string;
}

const REVIEW_FIELDS: Record<string, string> = {
  rag: 'rag',
  comment: 'comment',
  outcome: 'outcome',
  question: 'question',
};

/**
 * A monitoring return as the grantee sent it, and the officer's review: their own RAG status,
 * a comment, and either acceptance (which releases any instalment waiting on it) or a question.
 */
@Controller('staff/grants/:awardId/returns/:returnId')
@UseFilters(PageAccessFilter)
export class ReturnReviewPagesController {
  constructor(
    private readonly views: GrantViewsService,
    private readonly returns: MonitoringReturnsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @StaffOnly(...GRANT_OFFICERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('awardId') awardId: string,
    @Param('returnId') returnId: string,
  ) {
    const { detail, found } = await this.load(awardId, returnId);
    const values = { rag: '', comment: '', outcome: '', question: '' };
    return this.render(request, reply, detail, found, values, noFormProblems());
  }

  @Post()
  @StaffOnly(...GRANT_OFFICERS)
  async review(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('awardId') awardId: string,
    @Param('returnId') returnId: string,
    @Body() raw: unknown,
  ) {
    const { detail, found } = await this.load(awardId, returnId);
    const body = asFormBody(raw);
    const values: ReviewFormValues = {
      rag: formText(body, 'rag'),
      comment: formText(body, 'comment'),
      outcome: formText(body, 'outcome'),
      question: formText(body, 'question'),
    };
    const state = noFormProblems();
    const status = await refusalOf(
      () =>
        this.returns.review(staffActor(staff.user), found.id, {
          ...values,
          // Anything else is refused by the service, on the outcome radios.
          outcome: values.outcome as ReturnReview['outcome'],
        }),
      state.errors,
      state.problems,
      REVIEW_FIELDS,
    );
    if (status === null)
      return seeOther(
        reply,
        `/staff/grants/${detail.award.id}?done=${values.outcome === 'accept' ? 'accepted' : 'more-information'}`,
      );
    return this.render(request, reply, detail, found, values, state, status);
  }

  /** The return, only under its own grant's address. */
  private async load(awardId: string, returnId: string) {
    const detail = await this.views.detail(awardId, this.clock.now());
    const found = await this.returns.get(returnId);
    if (found.awardId !== detail.award.id) throw new ReturnNotFoundException();
    return { detail, found };
  }

  private render(
    request: StaffRequest,
    reply: FastifyReply,
    detail: GrantDetail,
    found: MonitoringReturn,
    values: ReviewFormValues,
    state: FormProblems,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'staff/grants/return.njk',
      {
        grant: grantHeading(detail),
        monitoringReturn: {
          ...returnHeading(found),
          status: returnStatusTag(found, ukToday(this.clock.now())),
          answers: returnAnswers(found),
          review: found.reviewedAt
            ? {
                on: formatUkDate(found.reviewedAt),
                rag: found.officerRag ? RAG_LABELS[found.officerRag] : '',
                ragTag: found.officerRag ? ragTag(found.officerRag, 'officer') : null,
                comment: found.officerComment ?? '',
              }
            : null,
          question: found.question ?? '',
          open: found.status === 'submitted' && detail.award.status === 'accepted',
        },
        values,
        ragItems: ragItems(values.rag),
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-grants',
      },
      status,
    );
  }
}
