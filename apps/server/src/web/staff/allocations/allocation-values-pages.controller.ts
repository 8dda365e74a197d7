import { AllocationPlanView, AllocationsService } from '@grants/allocations';
import { DomainException, StaffOnly, ValidationException } from '@grants/core';
import { GrantRound, RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  asFormBody,
  FormErrors,
  formText,
  PageAccessFilter,
  renderPage,
  seeOther,
} from '../../forms';
import {
  changedValues,
  MAX_CSV_LENGTH,
  ValueCell,
  valueCells,
  valueErrors,
  valueFieldId,
} from './allocation-forms';
import {
  AllocationPlanPage,
  errorSummary,
  isPublishedRefusal,
  PageProblem,
} from './allocation-plan-page';
import { ALLOCATION_WRITERS } from './allocation-roles';
import { allocationPath, roundAndPlan, roundHeading } from './allocation-round';

interface ValuesPageState {
  cells?: ValueCell[];
  csv?: string;
  /** The file's problems are listed in the summary, each with its row; the box says so. */
  csvMessage?: string;
  errors: FormErrors;
  problems: PageProblem[];
}

/**
 * The indicator values of a draft plan: typed into a table (one row per partner per indicator),
 * or pasted as a CSV file. Either is all or nothing: any problem and nothing is stored.
 */
@Controller('staff/rounds/:roundId/allocation/values')
@UseFilters(PageAccessFilter)
export class AllocationValuesPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly allocations: AllocationsService,
    private readonly page: AllocationPlanPage,
  ) {}

  @Get()
  @StaffOnly(...ALLOCATION_WRITERS)
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan || plan.status !== 'draft') return seeOther(reply, allocationPath(round));
    return this.render(request, reply, round, plan, { errors: new FormErrors(), problems: [] });
  }

  @Post()
  @StaffOnly(...ALLOCATION_WRITERS)
  async save(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan) return seeOther(reply, allocationPath(round));
    const cells = valueCells(plan, asFormBody(raw));
    const changed = changedValues(plan, cells);
    const errors = new FormErrors();
    const problems: PageProblem[] = [];
    let status = 422;
    if (changed.rows.length === 0)
      problems.push({
        text: 'No value has changed: type a value, its source and its period, or paste a CSV file',
        href: cells.length
          ? `#${valueFieldId(cells[0].organisationId, cells[0].indicator, 'value')}`
          : '#csv',
      });
    else
      try {
        await this.allocations.enterValues(staffActor(staff.user), plan.id, changed.rows);
        return seeOther(reply, `${allocationPath(round)}?done=values`);
      } catch (error) {
        if (isPublishedRefusal(error))
          return this.page.refused(request, reply, staff, round, plan, error);
        if (!(error instanceof DomainException) || error.status >= 500) throw error;
        valueErrors(
          error instanceof ValidationException
            ? error.errors
            : [{ field: error.field ?? '', message: error.message }],
          changed.cells,
          errors,
          problems,
        );
        status = error.status;
      }
    return this.render(request, reply, round, plan, { cells, errors, problems }, status);
  }

  @Post('import')
  @StaffOnly(...ALLOCATION_WRITERS)
  async importCsv(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('roundId') roundId: string,
    @Body() raw: unknown,
  ) {
    const { round, plan } = await roundAndPlan(this.rounds, this.allocations, roundId);
    if (!plan) return seeOther(reply, allocationPath(round));
    const csv = formText(asFormBody(raw), 'csv');
    let csvMessage: string | undefined;
    const errors = new FormErrors();
    const problems: PageProblem[] = [];
    let status = 422;
    if (csv === '') errors.add('csv', 'Paste the CSV file, with its header row');
    else if (csv.length > MAX_CSV_LENGTH)
      errors.add(
        'csv',
        `The file must be ${MAX_CSV_LENGTH.toLocaleString('en-GB')} characters or fewer`,
      );
    else
      try {
        await this.allocations.importCsv(staffActor(staff.user), plan.id, csv);
        return seeOther(reply, `${allocationPath(round)}?done=imported`);
      } catch (error) {
        if (isPublishedRefusal(error))
          return this.page.refused(request, reply, staff, round, plan, error);
        if (!(error instanceof DomainException) || error.status >= 500) throw error;
        // Each row's problem in the summary, said with its row number, all pointing at the box.
        const list =
          error instanceof ValidationException
            ? error.errors
            : [{ field: 'csv', message: error.message }];
        for (const e of list) problems.push({ text: e.message, href: '#csv' });
        // Beside the box only: the summary lists the rows already.
        csvMessage =
          list.length === 1
            ? `${list[0].message}. Nothing was imported`
            : `The file has ${list.length} problems, listed at the top of the page. Nothing was imported: correct the file and paste it again`;
        status = error.status;
      }
    return this.render(request, reply, round, plan, { csv, csvMessage, errors, problems }, status);
  }

  private render(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    plan: AllocationPlanView,
    state: ValuesPageState,
    status = 200,
  ) {
    const cells = state.cells ?? valueCells(plan);
    return renderPage(
      request,
      reply,
      'staff/allocations/values.njk',
      {
        round: roundHeading(round),
        partners: plan.partners.map((p) => ({
          name: p.name,
          cells: cells
            .filter((c) => c.organisationId === p.organisationId)
            .map((c) => ({
              ...c,
              ids: {
                value: valueFieldId(c.organisationId, c.indicator, 'value'),
                source: valueFieldId(c.organisationId, c.indicator, 'source'),
                period: valueFieldId(c.organisationId, c.indicator, 'period'),
              },
            })),
        })),
        indicators: plan.indicators,
        hasTable: plan.partners.length > 0 && plan.indicators.length > 0,
        csv: state.csv ?? '',
        csvMessage: state.csvMessage,
        csvExample: csvExample(plan),
        ...errorSummary(state.errors, state.problems),
        activeNav: 'staff-rounds',
      },
      status,
    );
  }
}

/** The file's first lines for this plan, so staff see the shape it must have. */
function csvExample(plan: AllocationPlanView): string[] {
  const partner = plan.partners[0]?.name ?? 'Hull City Council';
  const indicator = plan.indicators[0]?.key ?? 'population';
  return [
    'partner,indicator,value,source,period',
    `${partner},${indicator},267000,ONS mid-2021 estimates,2021`,
  ];
}
