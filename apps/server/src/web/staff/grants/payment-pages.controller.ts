import { Clock, formatCalendarDate, formatPence, penceToInput, StaffOnly } from '@grants/core';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import {
  GrantDetail,
  GrantPayment,
  GrantPaymentsService,
  GrantViewsService,
  PaymentNotFoundException,
} from '@grants/monitoring';
import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  asFormBody,
  dateParts,
  DateParts,
  formText,
  PageAccessFilter,
  renderPage,
  requiredDate,
  seeOther,
} from '../../forms';
import { readPounds } from '../../applicants/pounds-field';
import { errorView, FormProblems, noFormProblems, refusalOf } from '../assessment/page-problems';
import { grantHeading } from './grant-pages.controller';
import { GRANT_PAYERS } from './grant-roles';
import { paymentStatusTag } from './grant-view';

interface PaymentFormValues {
  paidOn: DateParts;
  amount: string;
  reference: string;
}

/** The service's refusals, on the boxes they are about (the date's first box for the date). */
const PAYMENT_FIELDS: Record<string, string> = {
  paidOn: 'paidOn-day',
  amount: 'amount',
  reference: 'reference',
};

/**
 * Finance records an instalment as paid: the day the money left, the amount (the instalment's,
 * unless less was paid, which leaves the balance due) and the finance system's reference.
 */
@Controller('staff/grants/:awardId/payments/:paymentId')
@UseFilters(PageAccessFilter)
export class PaymentPagesController {
  constructor(
    private readonly views: GrantViewsService,
    private readonly payments: GrantPaymentsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @StaffOnly(...GRANT_PAYERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('awardId') awardId: string,
    @Param('paymentId') paymentId: string,
  ) {
    const { detail, payment } = await this.load(awardId, paymentId);
    const values = {
      paidOn: { day: '', month: '', year: '' },
      amount: penceToInput(payment.amountPence),
      reference: '',
    };
    return this.render(request, reply, detail, payment, values, noFormProblems());
  }

  @Post()
  @StaffOnly(...GRANT_PAYERS)
  async record(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('awardId') awardId: string,
    @Param('paymentId') paymentId: string,
    @Body() raw: unknown,
  ) {
    const { detail, payment } = await this.load(awardId, paymentId);
    const body = asFormBody(raw);
    const values: PaymentFormValues = {
      paidOn: dateParts((field) => formText(body, field), 'paidOn'),
      amount: formText(body, 'amount'),
      reference: formText(body, 'reference'),
    };
    const state = noFormProblems();
    const paidOn = requiredDate(
      values.paidOn,
      'paidOn',
      'the payment was made',
      '27 3 2023',
      state.errors,
    );
    const amountPence = readPounds(
      values.amount,
      'amount',
      { what: 'the amount paid', label: 'The amount paid' },
      state.errors,
    );
    if (values.reference === '') state.errors.add('reference', 'Enter the payment reference');
    if (paidOn === null || amountPence === null || state.errors.has())
      return this.render(request, reply, detail, payment, values, state, 422);
    const status = await refusalOf(
      () =>
        this.payments.markPaid(staffActor(staff.user), payment.id, {
          paidOn,
          amountPence,
          reference: values.reference,
        }),
      state.errors,
      state.problems,
      PAYMENT_FIELDS,
    );
    if (status === null) return seeOther(reply, `/staff/grants/${detail.award.id}?done=paid`);
    return this.render(request, reply, detail, payment, values, state, status);
  }

  /** The payment, only under its own grant's address. */
  private async load(awardId: string, paymentId: string) {
    const detail = await this.views.detail(awardId, this.clock.now());
    const payment = await this.payments.get(paymentId);
    if (payment.awardId !== detail.award.id) throw new PaymentNotFoundException();
    return { detail, payment };
  }

  private render(
    request: StaffRequest,
    reply: FastifyReply,
    detail: GrantDetail,
    payment: GrantPayment,
    values: PaymentFormValues,
    state: FormProblems,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'staff/grants/payment.njk',
      {
        grant: grantHeading(detail),
        payment: {
          label: payment.label,
          amount: formatPence(payment.amountPence),
          status: paymentStatusTag(payment.status),
          paidOn: payment.paidOn ? formatCalendarDate(payment.paidOn) : '',
          reference: payment.reference ?? '',
          open: payment.status === 'due' && detail.award.status === 'accepted',
        },
        paid: formatPence(detail.summary.paidPence),
        values,
        ...errorView(state.errors, state.problems),
        activeNav: 'staff-grants',
      },
      status,
    );
  }
}
