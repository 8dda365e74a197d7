import { AWARD_STATUS_LABELS } from '@grants/awards';
import {
  Clock,
  formatCalendarDate,
  formatPence,
  formatUkDate,
  StaffOnly,
  ukToday,
} from '@grants/core';
import { CurrentStaff, StaffContext, StaffRequest } from '@grants/identity';
import { GrantDetail, GrantViewsService, returnTitle } from '@grants/monitoring';
import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageAccessFilter, renderPage } from '../../forms';
import { doneBanner } from '../assessment/page-problems';
import { canManageGrant, canPay, GRANT_READERS } from './grant-roles';
import {
  paymentStatusTag,
  ragTag,
  returnStatusTag,
  variationChanges,
  variationStatusTag,
} from './grant-view';

/** What the grant page says after a form on one of its pages went through. */
export const GRANT_DONE_MESSAGES: Record<string, string> = {
  paid: 'Payment recorded. The organisation has been told.',
  accepted: 'Return accepted. The organisation has been told.',
  'more-information': 'Question sent. The organisation has been asked for more information.',
  approved: 'Change approved. The grant has been updated and the organisation told.',
  declined: 'Change declined. The organisation has been told why.',
  closed: 'Grant closed. The organisation has been told.',
};

/**
 * One grant for the office: what was awarded and paid, its instalments, returns and change
 * requests (each with the action the reader's role allows), and its round's money reconciled.
 */
@Controller('staff/grants')
@UseFilters(PageAccessFilter)
export class GrantPagesController {
  constructor(
    private readonly views: GrantViewsService,
    private readonly clock: Clock,
  ) {}

  @Get(':awardId')
  @StaffOnly(...GRANT_READERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('awardId') awardId: string,
    @Query('done') done?: unknown,
  ) {
    const now = this.clock.now();
    const detail = await this.views.detail(awardId, now);
    const ledger = await this.views.roundLedger(detail.award.roundId);
    return renderPage(request, reply, 'staff/grants/grant.njk', {
      banner: doneBanner(GRANT_DONE_MESSAGES, done),
      ...grantPageView(detail, ukToday(now), staff),
      ledger: {
        budget: formatPence(ledger.budgetPence),
        committed: formatPence(ledger.committedPence),
        uncommitted: formatPence(ledger.uncommittedPence),
        paid: formatPence(ledger.paidPence),
        returned: formatPence(ledger.returnedPence),
        due: formatPence(ledger.duePence),
        reconciles: ledger.reconciles,
      },
      activeNav: 'staff-grants',
    });
  }
}

/** The grant's heading, for every page about it. */
export function grantHeading(detail: GrantDetail) {
  const s = detail.summary;
  return {
    href: `/staff/grants/${s.awardId}`,
    reference: s.reference,
    organisationName: s.organisationName,
    projectTitle: s.projectTitle,
    roundTitle: s.roundTitle,
  };
}

function grantPageView(detail: GrantDetail, today: string, staff: StaffContext) {
  const { summary: s, award } = detail;
  const officer = canManageGrant(staff);
  const payer = canPay(staff);
  const live = award.status === 'accepted';
  const base = `/staff/grants/${award.id}`;
  return {
    grant: {
      ...grantHeading(detail),
      roundHref: `/staff/rounds/${s.roundId}`,
      status: AWARD_STATUS_LABELS[award.status],
      amount: formatPence(award.amountPence),
      paid: formatPence(s.paidPence),
      due: formatPence(detail.duePence),
      rag: ragTag(s.rag, s.ragSource),
      dates:
        award.plannedStartOn && award.plannedEndOn
          ? `${formatCalendarDate(award.plannedStartOn)} to ${formatCalendarDate(award.plannedEndOn)}`
          : null,
      acceptedBy:
        award.status !== 'offered' && award.answeredByName
          ? `${award.answeredByName}${award.answeredByRole ? `, ${award.answeredByRole}` : ''}${award.answeredAt ? ` on ${formatUkDate(award.answeredAt)}` : ''}`
          : null,
      offerExpiresOn:
        award.status === 'offered' && award.offerExpiresOn
          ? formatCalendarDate(award.offerExpiresOn)
          : null,
      closed:
        award.status === 'closed'
          ? {
              outcome: award.closedOutcome === 'completed' ? 'Completed' : 'Ended early',
              on: award.closedAt ? formatUkDate(award.closedAt) : '',
              returned: formatPence(award.returnedPence),
              note: award.closureNote ?? '',
            }
          : null,
    },
    payments: detail.payments.map((p) => ({
      label: p.label,
      amount: formatPence(p.amountPence),
      status: paymentStatusTag(p.status),
      paidOn: p.paidOn ? formatCalendarDate(p.paidOn) : '',
      reference: p.reference ?? '',
      payHref: live && payer && p.status === 'due' ? `${base}/payments/${p.id}` : null,
    })),
    returns: detail.returns.map((r) => ({
      title: returnTitle(r),
      period: `${formatCalendarDate(r.periodStartOn)} to ${formatCalendarDate(r.periodEndOn)}`,
      dueOn: formatCalendarDate(r.dueOn),
      status: returnStatusTag(r, today),
      granteeRag: r.granteeRag ? ragTag(r.granteeRag, 'officer') : null,
      officerRag: r.officerRag ? ragTag(r.officerRag, 'officer') : null,
      href: officer && r.submittedAt ? `${base}/returns/${r.id}` : null,
      action: r.status === 'submitted' && live ? 'Review' : 'View',
    })),
    variations: detail.variations.map((v) => ({
      requestedOn: formatUkDate(v.createdAt),
      changes: variationChanges(v),
      reason: v.reason,
      status: variationStatusTag(v.status),
      decisionReason: v.decisionReason ?? '',
      href: officer ? `${base}/variations/${v.id}` : null,
      action: v.status === 'requested' && live ? 'Decide' : 'View',
    })),
    closeHref: officer && live ? `${base}/close` : null,
  };
}
