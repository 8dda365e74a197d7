import {
  ApplicationNotEditableException,
  ApplicationsService,
  asksFor,
  SectionKey,
} from '@grants/applications';
import { ApplicantOnly, ValidationException } from '@grants/core';
import { ApplicantContext, CurrentApplicant, StaffRequest } from '@grants/identity';
import {
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import type { Application } from '@grants/applications';
import type { FastifyReply } from 'fastify';
import { asFormBody, FormErrors, renderPage, seeOther } from '../forms';
import { ApplicantPageAccessFilter } from './applicant-page-access.filter';
import {
  AGE_GROUP_ITEMS,
  checkSection,
  SECTION_FORMS,
  sectionErrors,
  SectionValues,
  startDateHint,
} from './application-section-forms';
import { applicationName, isEditable, isSection, sectionTitle } from './application-view';

/**
 * One page per task-list section. "Save and continue" saves the section as complete and goes
 * back to the task list; a problem shows the page again with what was typed and a message on
 * each field.
 */
@Controller('applications/:id')
@UseFilters(ApplicantPageAccessFilter)
export class ApplicationSectionPagesController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':section')
  @ApplicantOnly()
  async sectionPage(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Param('section') section: string,
  ) {
    const key = sectionKey(section);
    const application = await this.applications.get(current.applicant, id);
    if (!isEditable(application)) return seeOther(reply, `/applications/${application.id}`);
    return this.render(request, reply, key, application, SECTION_FORMS[key].values(application));
  }

  @Post(':section')
  @ApplicantOnly()
  async saveSection(
    @Req() request: StaffRequest,
    @Res() reply: FastifyReply,
    @CurrentApplicant() current: ApplicantContext,
    @Param('id') id: string,
    @Param('section') section: string,
    @Body() raw: unknown,
  ) {
    const key = sectionKey(section);
    const application = await this.applications.get(current.applicant, id);
    const taskList = `/applications/${application.id}`;
    if (!isEditable(application)) return seeOther(reply, taskList);
    const values = SECTION_FORMS[key].read(asFormBody(raw));
    const { patch, errors } = checkSection(key, values, application);
    if (errors.has()) return this.render(request, reply, key, application, values, errors);
    try {
      await this.applications.saveAnswers(current.applicant, application.id, patch, {
        complete: true,
      });
    } catch (error) {
      if (error instanceof ApplicationNotEditableException) return seeOther(reply, taskList);
      if (!(error instanceof ValidationException)) throw error;
      return this.render(
        request,
        reply,
        key,
        application,
        values,
        sectionErrors(key, error.errors, values),
      );
    }
    return seeOther(reply, taskList);
  }

  private render(
    request: StaffRequest,
    reply: FastifyReply,
    section: SectionKey,
    application: Application,
    values: SectionValues,
    errors?: FormErrors,
  ) {
    const round = application.round;
    return renderPage(
      request,
      reply,
      `applicants/applications/section-${section}.njk`,
      {
        activeNav: 'applications',
        title: sectionTitle(section),
        section,
        application: { id: application.id, name: applicationName(application) },
        action: `/applications/${application.id}/${section}`,
        values,
        errors: (errors?.summary() ?? []).map((e) =>
          // The budget's own message sits above its rows; the link goes to the first row.
          e.href === '#budgetLines' ? { ...e, href: '#budgetLines-0-item' } : e,
        ),
        fieldErrors: errors?.messages() ?? {},
        asks: {
          areaId: asksFor(round, 'areaId'),
          planThemes: asksFor(round, 'planThemes'),
          themesExplanation: asksFor(round, 'themesExplanation'),
        },
        areaItems: round.areas.map((a) => ({
          value: a.id,
          text: a.name,
          hint: { text: `Focus issue: ${a.focusIssue}` },
          checked: values.areaId === a.id,
        })),
        themeItems: round.planThemes.map((theme) => ({
          value: theme,
          text: theme,
          checked: (values.planThemes as string[] | undefined)?.includes(theme) ?? false,
        })),
        ageItems: AGE_GROUP_ITEMS.map((item) => ({
          ...item,
          checked: (values.beneficiaryAgeGroups as string[] | undefined)?.includes(item.value),
        })),
        declarationValues: values.declarations ?? [],
        durationHint:
          round.minDurationMonths === round.maxDurationMonths
            ? `Projects in this round run for ${round.minDurationMonths} months`
            : `Between ${round.minDurationMonths} and ${round.maxDurationMonths} months`,
        startDateHint: startDateHint(application),
        areaFocus: round.areas.find((a) => a.id === application.areaId)?.focusIssue ?? null,
      },
      errors?.has() ? 422 : 200,
    );
  }
}

function sectionKey(section: string): SectionKey {
  if (!isSection(section)) throw new NotFoundException('Page not found');
  return section;
}
