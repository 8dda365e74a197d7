import {
  AppConfig,
  AuditService,
  checkEmailAddress,
  isUuid,
  MailOutboxService,
  ValidationException,
} from '@grants/core';
import { Applicant, applicantActor } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { OrganisationInvite } from './entities/organisation-invite.entity';
import { OrganisationMember } from './entities/organisation-member.entity';
import { Organisation } from './entities/organisation.entity';
import { checkOrganisation, OrganisationInput, OrganisationProfile } from './organisation-rules';
import { OrganisationNotFoundException } from './organisations.exceptions';

export const ORGANISATION_INVITE_TEMPLATE = 'organisations/organisation-invite';

export interface OrganisationMembers {
  members: { email: string; joinedAt: Date }[];
  invites: { email: string; invitedAt: Date }[];
}

/** Organisations and who may act for them. Every read and write checks membership first. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly config: AppConfig,
  ) {}

  /** The applicant's organisations, taking up any invitation sent to their address first. */
  async listFor(applicant: Applicant): Promise<Organisation[]> {
    await this.acceptInvites(applicant);
    const members = await this.dataSource.getRepository(OrganisationMember).find({
      where: { applicantId: applicant.id },
      relations: { organisation: true },
      order: { joinedAt: 'ASC' },
    });
    return members.map((m) => m.organisation);
  }

  async create(applicant: Applicant, input: OrganisationInput): Promise<Organisation> {
    const profile = this.check(input);
    return this.dataSource.transaction(async (manager) => {
      const organisation = await manager.save(manager.create(Organisation, profile));
      await manager.insert(OrganisationMember, {
        organisationId: organisation.id,
        applicantId: applicant.id,
      });
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'organisation.created',
        subjectType: 'organisation',
        subjectId: organisation.id,
        after: snapshot(organisation),
      });
      return organisation;
    });
  }

  async get(applicant: Applicant, organisationId: string): Promise<Organisation> {
    await this.assertMember(this.dataSource.manager, applicant, organisationId);
    return this.dataSource.manager.findOneByOrFail(Organisation, { id: organisationId });
  }

  async update(
    applicant: Applicant,
    organisationId: string,
    input: OrganisationInput,
  ): Promise<Organisation> {
    const profile = this.check(input);
    return this.dataSource.transaction(async (manager) => {
      await this.assertMember(manager, applicant, organisationId);
      const before = await manager.findOneOrFail(Organisation, {
        where: { id: organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      await manager.update(Organisation, { id: organisationId }, profile);
      const after = await manager.findOneByOrFail(Organisation, { id: organisationId });
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'organisation.updated',
        subjectType: 'organisation',
        subjectId: organisationId,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }

  async members(applicant: Applicant, organisationId: string): Promise<OrganisationMembers> {
    await this.assertMember(this.dataSource.manager, applicant, organisationId);
    const [members, invites] = await Promise.all([
      this.dataSource.getRepository(OrganisationMember).find({
        where: { organisationId },
        relations: { applicant: true },
        order: { joinedAt: 'ASC' },
      }),
      this.dataSource.getRepository(OrganisationInvite).find({
        where: { organisationId, acceptedAt: IsNull() },
        order: { createdAt: 'ASC' },
      }),
    ]);
    return {
      members: members.map((m) => ({ email: m.applicant.email, joinedAt: m.joinedAt })),
      invites: invites.map((i) => ({ email: i.email, invitedAt: i.createdAt })),
    };
  }

  /**
   * Invites an address to work on the organisation's applications. Inviting an address again
   * (or a member's) sends nothing new; the answer is the same either way.
   */
  async invite(applicant: Applicant, organisationId: string, rawEmail: unknown): Promise<void> {
    const checked = checkEmailAddress(rawEmail);
    if ('error' in checked)
      throw new ValidationException([{ field: 'email', message: checked.error }]);
    const { email } = checked;
    const emailIds = await this.dataSource.transaction(async (manager) => {
      await this.assertMember(manager, applicant, organisationId);
      const organisation = await manager.findOneByOrFail(Organisation, { id: organisationId });
      const alreadyMember = await manager
        .createQueryBuilder(OrganisationMember, 'm')
        .innerJoin('m.applicant', 'a')
        .where('m.organisation_id = :organisationId AND a.email = :email', {
          organisationId,
          email,
        })
        .getExists();
      if (alreadyMember) return [];
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(OrganisationInvite)
        .values({ organisationId, email, invitedById: applicant.id })
        .orIgnore()
        .returning(['id'])
        .execute();
      const rows = inserted.raw as { id: string }[];
      if (rows.length === 0) return [];
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'organisation.member-invited',
        subjectType: 'organisation',
        subjectId: organisationId,
        after: { inviteId: rows[0].id },
      });
      return this.outbox.write(manager, [
        {
          to: email,
          template: ORGANISATION_INVITE_TEMPLATE,
          data: {
            organisationName: organisation.name,
            invitedBy: applicant.email,
            signInUrl: `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/sign-in`,
          },
        },
      ]);
    });
    await this.outbox.dispatch(emailIds);
  }

  /** Ids of the organisations the applicant acts for (for filtering their applications). */
  async organisationIdsOf(applicant: Applicant): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(OrganisationMember)
      .find({ where: { applicantId: applicant.id }, select: { organisationId: true } });
    return rows.map((r) => r.organisationId);
  }

  /** Not a member, or no such organisation: the same 404, so ids cannot be probed. */
  async assertMember(
    manager: EntityManager,
    applicant: Pick<Applicant, 'id'>,
    organisationId: string,
  ): Promise<void> {
    if (!isUuid(organisationId)) throw new OrganisationNotFoundException();
    const member = await manager.existsBy(OrganisationMember, {
      organisationId,
      applicantId: applicant.id,
    });
    if (!member) throw new OrganisationNotFoundException();
  }

  private async acceptInvites(applicant: Applicant): Promise<void> {
    const pending = await this.dataSource.getRepository(OrganisationInvite).find({
      where: { email: applicant.email, acceptedAt: IsNull() },
    });
    if (pending.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      // Only invites still open: two sign-ins at once take each invitation up once.
      const [accepted]: [{ id: string; organisation_id: string }[], number] = await manager.query(
        `UPDATE organisation_invites SET accepted_at = now()
          WHERE id = ANY($1) AND accepted_at IS NULL RETURNING id, organisation_id`,
        [pending.map((i) => i.id)],
      );
      for (const row of accepted) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(OrganisationMember)
          .values({ organisationId: row.organisation_id, applicantId: applicant.id })
          .orIgnore()
          .execute();
        await this.audit.record(manager, applicantActor(applicant), {
          action: 'organisation.member-joined',
          subjectType: 'organisation',
          subjectId: row.organisation_id,
          after: { inviteId: row.id },
        });
      }
    });
  }

  private check(input: OrganisationInput): OrganisationProfile {
    const { errors, profile } = checkOrganisation(input);
    if (!profile) throw new ValidationException(errors);
    return profile;
  }
}

function snapshot(org: Organisation) {
  return {
    name: org.name,
    type: org.type,
    charityNumber: org.charityNumber,
    companyNumber: org.companyNumber,
    postcode: org.postcode,
  };
}
