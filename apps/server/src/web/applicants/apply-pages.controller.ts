import {
  Application,
  ApplicationsService,
  RoundNotOpenForApplicationsException,
} from '@grants/applications';
import {
  ApplicantOnly,
  Clock,
  formatPence,
  penceToInput,
  Public,
  ValidationException,
} from '@grants/core';
import {
  GrantRound,
  ORGANISATION_TYPES,
  ORGANISATION_TYPE_KEYS,
  roundView,
  RoundsService,
} from '@grants/funds';
import { ApplicantContext, CurrentApplicant, StaffRequest } from '@grants/identity';
import { OrganisationsService } from '@grants/organisations';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asFormBody, FormErrors, formText, renderPage, seeOther } from '../forms';
import { ApplicantPageAccessFilter } from './applicant-page-access.filter';
import {
  answersBefore,
  EligibilityAnswers,
  EligibilityOutcome,
  eligibilityOutcome,
  eligibilityQuery,
  EligibilityQuestion,
  maxGrantFor,
  readEligibility,
  typeAllowed,
} from './eligibility-answers';
import { readPounds } from './pounds-field';

/** The query string as Fastify parsed it (a key given twice is an array). */
type QueryParams = Record<string, unknown>;

/** The choice on the area question for a project outside every area the round funds. */
const ELSEWHERE = 'elsewhere';

/**
 * "Apply for a grant" for one round: the start page, the eligibility questions (before signing
 * in, so nobody writes anything the round cannot fund), choosing the organisation, and the draft.
 */
@Controller('apply/:roundId')
@UseFilters(ApplicantPageAccessFilter)
export class ApplyPagesController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly applications: ApplicationsService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  async startPage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
  ) {
    const round = await this.rounds.get(roundId);
    return renderPage(request, reply, 'applicants/apply/start.njk', {
      round: roundView(round),
      areas: round.areas.map((a) => ({
        name: a.name,
        focusIssue: a.focusIssue,
        maxDisplay: formatPence(maxGrantFor(round, a.id)),
      })),
      isOpen: this.isOpen(round),
    });
  }

  @Get('organisation-type')
  @Public()
  async typeQuestion(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Query() query: QueryParams,
  ) {
    const round = await this.rounds.get(roundId);
    const answers = readEligibility(query, round);
    return this.question(request, reply, round, 'organisation-type', answers, {
      value: answers.type ?? '',
    });
  }

  @Post('organisation-type')
  @Public()
  async answerType(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Query() query: QueryParams,
    @Body() raw: unknown,
  ) {
    const round = await this.rounds.get(roundId);
    const answers = readEligibility(query, round);
    const type = formText(asFormBody(raw), 'type');
    if (!Object.hasOwn(ORGANISATION_TYPES, type))
      return this.question(request, reply, round, 'organisation-type', answers, {
        value: '',
        error: 'Select the type of organisation you are',
      });
    return this.goOn(reply, round, { ...answers, type: type as EligibilityAnswers['type'] });
  }

  @Get('area')
  @Public()
  async areaQuestion(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Query() query: QueryParams,
  ) {
    const round = await this.rounds.get(roundId);
    const answers = readEligibility(query, round);
    return this.question(request, reply, round, 'area', answers, { value: answers.areaId ?? '' });
  }

  @Post('area')
  @Public()
  async answerArea(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Query() query: QueryParams,
    @Body() raw: unknown,
  ) {
    const round = await this.rounds.get(roundId);
    const answers = readEligibility(query, round);
    const area = formText(asFormBody(raw), 'area');
    if (area === ELSEWHERE)
      return seeOther(
        reply,
        outcomeHref(
          round.id,
          { kind: 'cannot-apply', reason: 'area' },
          answersBefore('area', answers),
        ),
      );
    if (!round.areas.some((a) => a.id === area))
      return this.question(request, reply, round, 'area', answers, {
        value: '',
        error: 'Select where your project will take place',
      });
    return this.goOn(reply, round, { ...answers, areaId: area });
  }

  @Get('amount')
  @Public()
  async amountQuestion(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Query() query: QueryParams,
  ) {
    const round = await this.rounds.get(roundId);
    const answers = readEligibility(query, round);
    return this.question(request, reply, round, 'amount', answers, {
      value: answers.amountPence === null ? '' : penceToInput(answers.amountPence),
    });
  }

  @Post('amount')
  @Public()
  async answerAmount(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Query() query: QueryParams,
    @Body() raw: unknown,
  ) {
    const round = await this.rounds.get(roundId);
    const answers = readEligibility(query, round);
    const text = formText(asFormBody(raw), 'amount');
    const errors = new FormErrors();
    const amountPence = readPounds(
      text,
      'amount',
      { what: 'how much you need', label: 'The amount' },
      errors,
    );
    if (amountPence === null)
      return this.question(request, reply, round, 'amount', answers, {
        value: text,
        error: errors.get('amount'),
      });
    return this.goOn(reply, round, { ...answers, amountPence });
  }

  /** Why they cannot apply, before they write anything, and who can. */
  @Get('cannot-apply')
  @Public()
  async cannotApply(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Query() query: QueryParams,
  ) {
    const round = await this.rounds.get(roundId);
    const answers = readEligibility(query, round);
    const reason = query.reason;
    if (reason !== 'organisation-type' && reason !== 'area' && reason !== 'amount')
      return seeOther(reply, `/apply/${round.id}`);
    const area = round.areas.find((a) => a.id === answers.areaId);
    return renderPage(request, reply, 'applicants/apply/cannot-apply.njk', {
      round: roundView(round),
      reason,
      typeLabel: answers.type ? ORGANISATION_TYPES[answers.type] : null,
      areaName: area?.name ?? null,
      amountDisplay: answers.amountPence === null ? null : formatPence(answers.amountPence),
      maxDisplay: formatPence(maxGrantFor(round, answers.areaId)),
      areaCapped: Boolean(area) && maxGrantFor(round, answers.areaId) < round.maxGrantPence,
      backHref: questionHref(round.id, reason, answersBefore(reason, answers)),
    });
  }

  /** Every answer allows them to apply: sign in (if they have not) and choose the organisation. */
  @Get('eligible')
  @Public()
  async eligible(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @Param('roundId') roundId: string,
    @Query() query: QueryParams,
  ) {
    const round = await this.rounds.get(roundId);
    const answers = readEligibility(query, round);
    const outcome = eligibilityOutcome(round, answers);
    if (!this.isOpen(round)) return seeOther(reply, `/apply/${round.id}`);
    if (outcome.kind !== 'eligible')
      return seeOther(reply, outcomeHref(round.id, outcome, answers));
    return renderPage(request, reply, 'applicants/apply/eligible.njk', {
      round: roundView(round),
      rows: answerSummary(round, answers),
      continueHref: `/apply/${round.id}/organisation${eligibilityQuery(answers)}`,
      backHref: questionHref(round.id, 'amount', answers),
    });
  }

  @Get('organisation')
  @ApplicantOnly()
  async chooseOrganisation(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('roundId') roundId: string,
    @Query() query: QueryParams,
  ) {
    const round = await this.rounds.get(roundId);
    const answers = readEligibility(query, round);
    const outcome = eligibilityOutcome(round, answers);
    if (!this.isOpen(round)) return seeOther(reply, `/apply/${round.id}`);
    if (outcome.kind !== 'eligible')
      return seeOther(reply, outcomeHref(round.id, outcome, answers));
    return this.organisationPage(request, reply, current, round, answers, { value: '' });
  }

  /** Starts the draft for the chosen organisation, with the eligibility answers filled in. */
  @Post('organisation')
  @ApplicantOnly()
  async startApplication(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('roundId') roundId: string,
    @Query() query: QueryParams,
    @Body() raw: unknown,
  ) {
    const round = await this.rounds.get(roundId);
    const answers = readEligibility(query, round);
    const outcome = eligibilityOutcome(round, answers);
    // The round may have closed while the form was open: back to its start page, which says so.
    if (!this.isOpen(round)) return seeOther(reply, `/apply/${round.id}`);
    if (outcome.kind !== 'eligible')
      return seeOther(reply, outcomeHref(round.id, outcome, answers));
    const chosen = formText(asFormBody(raw), 'organisation');
    if (chosen === 'new') return seeOther(reply, newOrganisationHref(round.id, answers));
    const organisations = await this.organisations.listFor(current.applicant);
    const organisation = organisations.find((o) => o.id === chosen);
    if (!organisation)
      return this.organisationPage(request, reply, current, round, answers, {
        value: '',
        error: 'Select the organisation that is applying',
      });
    if (!typeAllowed(round, organisation.type))
      return this.organisationPage(request, reply, current, round, answers, {
        value: chosen,
        error: `${organisation.name} is a ${ORGANISATION_TYPES[organisation.type].toLowerCase()}: this round is not open to that type of organisation. Choose another organisation or add a new one`,
      });
    let draft: Application;
    try {
      draft = await this.applications.start(current.applicant, round.id, organisation.id);
    } catch (error) {
      // Closed between the check above and the insert (the closing time is to the second).
      if (error instanceof RoundNotOpenForApplicationsException)
        return seeOther(reply, `/apply/${round.id}`);
      throw error;
    }
    try {
      await this.applications.saveAnswers(
        current.applicant,
        draft.id,
        {
          ...(round.areas.length > 0 ? { areaId: answers.areaId } : {}),
          amountRequestedPence: answers.amountPence,
        },
        { complete: false },
      );
    } catch (error) {
      // The draft exists either way; the applicant answers again on the funding page.
      if (!(error instanceof ValidationException)) throw error;
    }
    return seeOther(reply, `/applications/${draft.id}`);
  }

  private async organisationPage(
    request: StaffRequest,
    reply: FastifyReply,
    current: ApplicantContext,
    round: GrantRound,
    answers: EligibilityAnswers,
    field: { value: string; error?: string },
  ) {
    const organisations = await this.organisations.listFor(current.applicant);
    return renderPage(
      request,
      reply,
      'applicants/apply/organisation.njk',
      {
        round: roundView(round),
        organisations,
        items: [
          ...organisations.map((o) => ({
            value: o.id,
            text: o.name,
            hint: { text: ORGANISATION_TYPES[o.type] ?? o.type },
            checked: field.value === o.id,
          })),
          { divider: 'or' },
          { value: 'new', text: 'Add a new organisation' },
        ],
        field,
        errors: field.error ? [{ text: field.error, href: '#organisation' }] : [],
        action: `/apply/${round.id}/organisation${eligibilityQuery(answers)}`,
        newHref: newOrganisationHref(round.id, answers),
        backHref: `/apply/${round.id}/eligible${eligibilityQuery(answers)}`,
      },
      field.error ? 422 : 200,
    );
  }

  /**
   * A question's page: sent back to an earlier question if that one is unanswered, or to the
   * start page if the round is not taking applications.
   */
  private question(
    request: StaffRequest,
    reply: FastifyReply,
    round: GrantRound,
    question: EligibilityQuestion,
    answers: EligibilityAnswers,
    field: { value: string; error?: string },
  ) {
    const before = answersBefore(question, answers);
    const outcome = eligibilityOutcome(round, before);
    if (!this.isOpen(round)) return seeOther(reply, `/apply/${round.id}`);
    if (outcome.kind !== 'ask' || outcome.question !== question)
      return seeOther(reply, outcomeHref(round.id, outcome, before));
    const previous = questionsFor(round).indexOf(question) - 1;
    return renderPage(
      request,
      reply,
      `applicants/apply/question-${question}.njk`,
      {
        round: roundView(round),
        field,
        errors: field.error ? [{ text: field.error, href: `#${FIELD_IDS[question]}` }] : [],
        // Later answers ride along, so a change from the summary comes straight back to it.
        action: `/apply/${round.id}/${question}${eligibilityQuery(answers)}`,
        backHref:
          previous < 0
            ? `/apply/${round.id}`
            : questionHref(round.id, questionsFor(round)[previous], before),
        typeItems: ORGANISATION_TYPE_KEYS.map((key) => ({
          value: key,
          text: ORGANISATION_TYPES[key],
          checked: field.value === key,
        })),
        areaItems: [
          ...round.areas.map((a) => ({
            value: a.id,
            text: a.name,
            hint: { text: `Focus issue: ${a.focusIssue}` },
            checked: field.value === a.id,
          })),
          { divider: 'or' },
          { value: ELSEWHERE, text: 'Somewhere else' },
        ],
        maxDisplay: formatPence(maxGrantFor(round, answers.areaId)),
        minDisplay: round.minGrantPence > 0 ? formatPence(round.minGrantPence) : null,
        areaName: round.areas.find((a) => a.id === answers.areaId)?.name ?? null,
      },
      field.error ? 422 : 200,
    );
  }

  /** Taking applications now: open, and before the closing time (the close job may run late). */
  private isOpen(round: GrantRound): boolean {
    return round.status === 'open' && round.closesAt > this.clock.now();
  }

  /** After an answer: the next question, the cannot-apply page, or the summary. */
  private goOn(reply: FastifyReply, round: GrantRound, answers: EligibilityAnswers) {
    return seeOther(reply, outcomeHref(round.id, eligibilityOutcome(round, answers), answers));
  }
}

const FIELD_IDS: Record<EligibilityQuestion, string> = {
  'organisation-type': 'type',
  area: 'area',
  amount: 'amount',
};

/** The questions this round asks, in order: the area only when it has areas. */
function questionsFor(round: GrantRound): EligibilityQuestion[] {
  return round.areas.length > 0
    ? ['organisation-type', 'area', 'amount']
    : ['organisation-type', 'amount'];
}

function questionHref(
  roundId: string,
  question: EligibilityQuestion,
  answers: Partial<EligibilityAnswers>,
): string {
  return `/apply/${roundId}/${question}${eligibilityQuery(answers)}`;
}

function outcomeHref(roundId: string, outcome: EligibilityOutcome, answers: EligibilityAnswers) {
  if (outcome.kind === 'ask') return questionHref(roundId, outcome.question, answers);
  if (outcome.kind === 'eligible') return `/apply/${roundId}/eligible${eligibilityQuery(answers)}`;
  const query = eligibilityQuery(answers);
  return `/apply/${roundId}/cannot-apply${query}${query ? '&' : '?'}reason=${outcome.reason}`;
}

function newOrganisationHref(roundId: string, answers: EligibilityAnswers): string {
  const next = `/apply/${roundId}/organisation${eligibilityQuery(answers)}`;
  return `/organisations/new?${new URLSearchParams({ ...(answers.type ? { type: answers.type } : {}), next }).toString()}`;
}

/** The answers so far, each with a link to change it. */
function answerSummary(round: GrantRound, answers: EligibilityAnswers) {
  const rows = [
    {
      key: 'Type of organisation',
      value: answers.type ? ORGANISATION_TYPES[answers.type] : '',
      href: questionHref(round.id, 'organisation-type', answers),
    },
  ];
  if (round.areas.length > 0)
    rows.push({
      key: 'Where the project will take place',
      value: round.areas.find((a) => a.id === answers.areaId)?.name ?? '',
      href: questionHref(round.id, 'area', answers),
    });
  rows.push({
    key: 'How much you need',
    value: answers.amountPence === null ? '' : formatPence(answers.amountPence),
    href: questionHref(round.id, 'amount', answers),
  });
  return rows.map((row) => ({
    key: { text: row.key },
    value: { text: row.value },
    actions: {
      items: [{ href: row.href, text: 'Change', visuallyHiddenText: row.key.toLowerCase() }],
    },
  }));
}
