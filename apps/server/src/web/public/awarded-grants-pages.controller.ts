import { formatCalendarDate, formatPence, Public } from '@grants/core';
import type { StaffRequest } from '@grants/identity';
import {
  GRANTS_PAGE_SIZE,
  grantsLink,
  GrantsSelection,
  OpenDataService,
  PublishedGrant,
  readGrantsQuery,
} from '@grants/open-data';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { renderPage } from '../forms';

/**
 * The public list of grants awarded: every standing award on a published decision record,
 * filtered by fund, round, year, area and words in the project or recipient, with the open
 * data files to download. A plain GET form, so it works without JavaScript.
 */
@Controller('grants')
export class AwardedGrantsPagesController {
  constructor(private readonly openData: OpenDataService) {}

  @Get()
  @Public()
  async list(@Req() request: StaffRequest, @Res() reply: FastifyReply, @Query() query: unknown) {
    const options = await this.openData.filterOptions();
    const selection = readGrantsQuery(query, options);
    let page = selection.page;
    let result = await this.openData.grants(selection.filter, pageWindow(page));
    const lastPage = Math.max(1, Math.ceil(result.total / GRANTS_PAGE_SIZE));
    const problems = [...selection.errors];
    if (page > lastPage) {
      // An old link to a page the list no longer reaches: show the last page, and say so.
      problems.push({
        field: 'page',
        message: `There ${lastPage === 1 ? 'is only 1 page' : `are only ${lastPage} pages`} of grants, so the last page is shown`,
      });
      page = lastPage;
      result = await this.openData.grants(selection.filter, pageWindow(page));
    }
    const { values } = selection;
    const first = result.total === 0 ? 0 : (page - 1) * GRANTS_PAGE_SIZE + 1;
    return renderPage(
      request,
      reply,
      'pages/grants/list.njk',
      {
        errors: problems.map((p) => ({
          text: p.message,
          href: p.field === 'page' ? '#results' : `#${p.field}`,
        })),
        fieldErrors: Object.fromEntries(
          problems.filter((p) => p.field !== 'page').map((p) => [p.field, { text: p.message }]),
        ),
        filtered: Object.values(values).some((v) => v !== ''),
        values,
        fundItems: [
          { value: '', text: 'All funds' },
          ...options.funds.map((f) => ({ value: f.slug, text: f.name })),
        ].map(selected(values.fund)),
        roundItems: [
          { value: '', text: 'All rounds' },
          ...options.rounds.map((r) => ({ value: r.id, text: `${r.title} (${r.fundName})` })),
        ].map(selected(values.round)),
        yearItems: [
          { value: '', text: 'All years' },
          ...options.years.map((y) => ({ value: String(y), text: String(y) })),
          // A year from a link with no grants in it stays chosen, so the empty list makes sense.
          ...(values.year && !options.years.includes(Number(values.year))
            ? [{ value: values.year, text: values.year }]
            : []),
        ].map(selected(values.year)),
        areaItems: options.areas.length
          ? [
              { value: '', text: 'All areas' },
              ...options.areas.map((a) => ({ value: a, text: a })),
            ].map(selected(values.area))
          : null,
        total: result.total,
        totalDisplay: formatPence(result.totalPence),
        showing: { first, last: first === 0 ? 0 : first + result.grants.length - 1 },
        grants: result.grants.map(grantRow),
        pagination: pagination(values, page, lastPage),
        clearHref: '/grants',
      },
      selection.errors.length > 0 ? 400 : 200,
    );
  }
}

function pageWindow(page: number) {
  return { limit: GRANTS_PAGE_SIZE, offset: (page - 1) * GRANTS_PAGE_SIZE };
}

function selected(value: string) {
  return (item: { value: string; text: string }) => ({ ...item, selected: item.value === value });
}

function grantRow(grant: PublishedGrant) {
  return {
    recipient: grant.recipient.name,
    title: grant.title,
    amountDisplay: formatPence(grant.amountAwardedPence),
    awardedOn: formatCalendarDate(grant.awardDate),
    round: grant.round.title,
    fund: grant.fund.name,
    areaName: grant.areaName,
    recordNumber: grant.decisionRecordNumber,
    recordHref: `/decisions/${encodeURIComponent(grant.decisionRecordNumber)}`,
  };
}

/** GOV.UK pagination: previous, next and the pages around this one, with the filters kept. */
function pagination(values: GrantsSelection['values'], page: number, lastPage: number) {
  if (lastPage <= 1) return null;
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let n = 1; n <= lastPage; n += 1) {
    if (n === 1 || n === lastPage || Math.abs(n - page) <= 1)
      items.push({ number: n, href: grantsLink(values, n), current: n === page });
    else if (!('ellipsis' in (items.at(-1) ?? {}))) items.push({ ellipsis: true });
  }
  return {
    items,
    previous: page > 1 ? { href: grantsLink(values, page - 1) } : null,
    next: page < lastPage ? { href: grantsLink(values, page + 1) } : null,
  };
}
