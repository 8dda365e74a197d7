import { ApplicationQueueService } from '@grants/applications';
import { DomainException, OFFICERS, StaffOnly, ValidationException } from '@grants/core';
import { FundsService, GrantRound, roundView, RoundsService } from '@grants/funds';
import { CurrentStaff, StaffContext, staffActor, StaffRequest } from '@grants/identity';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Page } from '../../../bootstrap/page-context.interceptor';
import { asFormBody, FormErrors, PageAccessFilter, renderPage, seeOther } from '../../forms';
import {
  addServiceErrors,
  emptyRoundForm,
  parseRoundForm,
  ParsedRoundForm,
  roundFormChoices,
  roundFormValues,
  RoundFormValues,
} from './round-form';

/** Who may create, change and schedule rounds; any member of staff may look. */
const MANAGERS = OFFICERS;

const SAVED_MESSAGES: Record<string, string> = {
  created: 'Round created. It is a draft: schedule it when it is ready to open.',
  updated: 'Round updated.',
  scheduled: 'Round scheduled. It will open and close by itself at the times shown.',
  unscheduled: 'Round moved back to draft. It will not open until it is scheduled again.',
};

const EDITABLE_STATUSES = ['draft', 'scheduled'];

function canManage(staff: StaffContext): boolean {
  return staff.user.roles.some((role) => MANAGERS.includes(role));
}

@Controller('staff/rounds')
@UseFilters(PageAccessFilter)
export class StaffRoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly funds: FundsService,
    private readonly queue: ApplicationQueueService,
  ) {}

  @Get()
  @StaffOnly()
  @Page('staff/rounds/list.njk')
  async list(@CurrentStaff() staff: StaffContext) {
    const rounds = await this.rounds.list({ includeDrafts: true });
    return {
      rounds: rounds.map(roundView),
      canManage: canManage(staff),
      activeNav: 'staff-rounds',
    };
  }

  @Get('new')
  @StaffOnly(...MANAGERS)
  async newForm(@Req() request: StaffRequest, @Res() reply: FastifyReply) {
    const funds = await this.funds.list();
    return renderPage(
      request,
      reply,
      'staff/rounds/form.njk',
      await this.formPage(emptyRoundForm(funds.length === 1 ? funds[0].slug : ''), null),
    );
  }

  @Post('new')
  @StaffOnly(...MANAGERS)
  async create(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Body() raw: unknown,
  ) {
    const funds = await this.funds.list();
    const parsed = parseRoundForm(asFormBody(raw), { fundSlugs: funds.map((f) => f.slug) });
    return this.saveOrShowErrors(request, reply, parsed, null, async (input) => {
      const round = await this.rounds.create(parsed.values.fundSlug, input, staffActor(staff.user));
      return `/staff/rounds/${round.id}?saved=created`;
    });
  }

  @Get(':id')
  @StaffOnly()
  async show(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
    @Query('saved') saved?: string,
  ) {
    const round = await this.rounds.get(id, { includeDrafts: true });
    // Applications sent in (drafts are the applicants' own until submitted).
    const counts = round.status === 'draft' ? null : await this.queue.counts(round.id);
    return renderPage(request, reply, 'staff/rounds/show.njk', {
      ...this.summaryPage(round, staff),
      applicationCount: counts
        ? counts.total - (counts.byStatus.find((s) => s.status === 'draft')?.count ?? 0)
        : undefined,
      savedMessage:
        saved && Object.hasOwn(SAVED_MESSAGES, saved) ? SAVED_MESSAGES[saved] : undefined,
    });
  }

  @Get(':id/edit')
  @StaffOnly(...MANAGERS)
  async editForm(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
  ) {
    const round = await this.rounds.get(id, { includeDrafts: true });
    if (!EDITABLE_STATUSES.includes(round.status))
      return seeOther(reply, `/staff/rounds/${round.id}`);
    return renderPage(
      request,
      reply,
      'staff/rounds/form.njk',
      await this.formPage(roundFormValues(round), round),
    );
  }

  @Post(':id/edit')
  @StaffOnly(...MANAGERS)
  async update(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
    @Body() raw: unknown,
  ) {
    const round = await this.rounds.get(id, { includeDrafts: true });
    const parsed = parseRoundForm(asFormBody(raw), {
      fundSlugs: [round.fund.slug],
      fixedFundSlug: round.fund.slug,
    });
    return this.saveOrShowErrors(request, reply, parsed, round, async (input) => {
      await this.rounds.update(round.id, input, staffActor(staff.user));
      return `/staff/rounds/${round.id}?saved=updated`;
    });
  }

  @Post(':id/schedule')
  @StaffOnly(...MANAGERS)
  async schedule(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
  ) {
    return this.changeStatus(request, reply, staff, id, 'scheduled', () =>
      this.rounds.schedule(id, staffActor(staff.user)),
    );
  }

  @Post(':id/unschedule')
  @StaffOnly(...MANAGERS)
  async unschedule(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() staff: StaffContext,
    @Param('id') id: string,
  ) {
    return this.changeStatus(request, reply, staff, id, 'unscheduled', () =>
      this.rounds.unschedule(id, staffActor(staff.user)),
    );
  }

  private async changeStatus(
    request: StaffRequest,
    reply: FastifyReply,
    staff: StaffContext,
    id: string,
    saved: string,
    change: () => Promise<GrantRound>,
  ) {
    const round = await this.rounds.get(id, { includeDrafts: true });
    try {
      await change();
      return seeOther(reply, `/staff/rounds/${round.id}?saved=${saved}`);
    } catch (error) {
      if (!(error instanceof DomainException) || error.status >= 500) throw error;
      // The reason goes on the summary page; a field problem links to that field on the edit page.
      const fieldId =
        error.field === 'closesAt'
          ? 'closesAt-day'
          : error.field === 'opensAt'
            ? 'opensAt-day'
            : undefined;
      const summary = [
        fieldId && EDITABLE_STATUSES.includes(round.status)
          ? { text: error.message, href: `/staff/rounds/${round.id}/edit#${fieldId}` }
          : { text: error.message },
      ];
      return renderPage(
        request,
        reply,
        'staff/rounds/show.njk',
        {
          ...this.summaryPage(await this.rounds.get(id, { includeDrafts: true }), staff),
          errors: summary,
        },
        error.status,
      );
    }
  }

  /** Service refusals become messages on the form's fields; true when the error was one of those. */
  /**
   * Saves a form that parsed cleanly and goes to the page the save names; otherwise (or when the
   * service refuses it) shows the form again, with every error on its field and nothing written.
   */
  private async saveOrShowErrors(
    request: StaffRequest,
    reply: FastifyReply,
    parsed: ParsedRoundForm,
    round: GrantRound | null,
    save: (input: NonNullable<ParsedRoundForm['input']>) => Promise<string>,
  ) {
    if (parsed.input) {
      try {
        return seeOther(reply, await save(parsed.input));
      } catch (error) {
        if (!this.collectServiceErrors(parsed, error)) throw error;
      }
    }
    return renderPage(
      request,
      reply,
      'staff/rounds/form.njk',
      await this.formPage(parsed.values, round, parsed.errors),
      422,
    );
  }

  private collectServiceErrors(parsed: ParsedRoundForm, error: unknown): boolean {
    if (error instanceof ValidationException) {
      addServiceErrors(parsed, error.errors);
      return true;
    }
    if (error instanceof DomainException && error.field && error.status < 500) {
      addServiceErrors(parsed, [{ field: error.field, message: error.message }]);
      return true;
    }
    return false;
  }

  private summaryPage(round: GrantRound, staff: StaffContext) {
    const manage = canManage(staff);
    return {
      round: roundView(round),
      canEdit: manage && EDITABLE_STATUSES.includes(round.status),
      canSchedule: manage && round.status === 'draft',
      canUnschedule: manage && round.status === 'scheduled',
      isPublic: round.status !== 'draft',
      activeNav: 'staff-rounds',
    };
  }

  private async formPage(
    values: RoundFormValues,
    round: GrantRound | null,
    errors = new FormErrors(),
  ) {
    const funds = round ? [] : await this.funds.list();
    return {
      mode: round ? 'edit' : 'create',
      round: round ? roundView(round) : null,
      values,
      choices: roundFormChoices(values),
      fundItems: [
        { value: '', text: 'Select a fund', selected: values.fundSlug === '' },
        ...funds.map((f) => ({
          value: f.slug,
          text: f.name,
          selected: f.slug === values.fundSlug,
        })),
      ],
      errors: errors.summary(),
      fieldErrors: errors.messages(),
      activeNav: 'staff-rounds',
    };
  }
}
