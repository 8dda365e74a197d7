import {
  AppConfig,
  AuditService,
  checkEmailAddress,
  Clock,
  formatUk,
  isUuid,
  MailOutboxService,
  ValidationException,
} from '@grants/core';
import { Applicant, applicantActor } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { OrganisationInvite } from './entities/organisation-invite.entity';
import { OrganisationMember } from './entities/organisation-member.entity';
import { Organisation } from './entities/organisation.entity';
import { checkOrganisation, OrganisationInput, OrganisationProfile } from './organisation-rules';
import { inviteExpiry, inviteState } from './organisation-invite-rules';
import {
  InvitationAlreadyAnsweredException,
  InvitationExpiredException,
  InvitationNotFoundException,
  InvitationWithdrawnException,
  OrganisationNotFoundException,
} from './organisations.exceptions';

export const ORGANISATION_INVITE_TEMPLATE = 'organisations/organisation-invite';

export interface OrganisationMembers {
  members: { email: string; joinedAt: Date }[];
  /** Open invitations only: not answered, not expired. */
  invites: { id: string; email: string; invitedAt: Date; expiresAt: Date }[];
}

/** An open invitation, as the person invited sees it. */
export interface PendingInvite {
  id: string;
  organisationId: string;
  organisationName: string;
  /** The address of the member who sent it (null if their account has gone). */
  invitedBy: string | null;
  invitedAt: Date;
  expiresAt: Date;
}

/** Sent to whoever may have followed a stale link or form: where to look instead. */
const REVOKE_NOT_FOUND =
  'This organisation has no such invitation. Go back to its members page to see the invitations still open.';

/** Organisations and who may act for them. Every read and write checks membership first. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The applicant's organisations. Invitations are not taken up here: someone only becomes a
   * member by accepting one (acceptInvite).
   */
  async listFor(applicant: Applicant): Promise<Organisation[]> {
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
        where: {
          organisationId,
          acceptedAt: IsNull(),
          declinedAt: IsNull(),
          revokedAt: IsNull(),
          expiresAt: MoreThan(this.clock.now()),
        },
        order: { sentAt: 'ASC' },
      }),
    ]);
    return {
      members: members.map((m) => ({ email: m.applicant.email, joinedAt: m.joinedAt })),
      invites: invites.map((i) => ({
        id: i.id,
        email: i.email,
        invitedAt: i.sentAt,
        expiresAt: i.expiresAt,
      })),
    };
  }

  /**
   * Invites an address to work on the organisation's applications; they must sign in with it
   * and accept within INVITE_VALID_DAYS. While an invitation is open, inviting the address
   * again (or inviting a member) sends nothing; once it has expired or been declined or
   * withdrawn, inviting again re-opens it with a new expiry and a new email. The answer is the
   * same either way, so nobody learns who is a member or has been invited.
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
      const now = this.clock.now();
      const expiresAt = inviteExpiry(now);
      // One row per organisation and address (the unique key). The update only applies to a
      // row no longer open, and it locks the row: of two invitations at once, one sends.
      const rows: { id: string; inserted: boolean }[] = await manager.query(
        `INSERT INTO organisation_invites (organisation_id, email, invited_by_id, sent_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organisation_id, email) DO UPDATE
            SET invited_by_id = EXCLUDED.invited_by_id, sent_at = EXCLUDED.sent_at,
                expires_at = EXCLUDED.expires_at,
                accepted_at = NULL, declined_at = NULL, revoked_at = NULL
          WHERE organisation_invites.accepted_at IS NOT NULL
             OR organisation_invites.declined_at IS NOT NULL
             OR organisation_invites.revoked_at IS NOT NULL
             OR organisation_invites.expires_at <= EXCLUDED.sent_at
         RETURNING id, (xmax = 0) AS inserted`,
        [organisationId, email, applicant.id, now, expiresAt],
      );
      if (rows.length === 0) return [];
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'organisation.member-invited',
        subjectType: 'organisation',
        subjectId: organisationId,
        after: {
          inviteId: rows[0].id,
          expiresAt: expiresAt.toISOString(),
          ...(rows[0].inserted ? {} : { invitedAgain: true }),
        },
      });
      return this.outbox.write(manager, [
        {
          to: email,
          template: ORGANISATION_INVITE_TEMPLATE,
          data: {
            organisationName: organisation.name,
            invitedBy: applicant.email,
            signInUrl: `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/sign-in?next=%2Forganisations`,
            expiresAtUk: formatUk(expiresAt),
          },
        },
      ]);
    });
    await this.outbox.dispatch(emailIds);
  }

  /** Open invitations to the applicant's address, oldest first. */
  async pendingInvitesFor(applicant: Applicant): Promise<PendingInvite[]> {
    const rows: {
      id: string;
      organisation_id: string;
      organisation_name: string;
      invited_by: string | null;
      sent_at: Date;
      expires_at: Date;
    }[] = await this.dataSource.query(
      `SELECT i.id, i.organisation_id, o.name AS organisation_name, a.email AS invited_by,
              i.sent_at, i.expires_at
         FROM organisation_invites i
         JOIN organisations o ON o.id = i.organisation_id
         LEFT JOIN applicants a ON a.id = i.invited_by_id
        WHERE i.email = $1 AND i.expires_at > $2
          AND i.accepted_at IS NULL AND i.declined_at IS NULL AND i.revoked_at IS NULL
        ORDER BY i.sent_at, i.id`,
      [applicant.email, this.clock.now()],
    );
    return rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      invitedBy: r.invited_by,
      invitedAt: new Date(r.sent_at),
      expiresAt: new Date(r.expires_at),
    }));
  }

  /**
   * Joins the organisation the invitation is from. Only the address it was sent to can accept
   * it (signing in proved they hold it), once, before it expires.
   */
  async acceptInvite(applicant: Applicant, inviteId: string): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      const { invite, organisation, now } = await this.openInviteTo(manager, applicant, inviteId);
      await manager.update(OrganisationInvite, { id: invite.id }, { acceptedAt: now });
      await manager
        .createQueryBuilder()
        .insert()
        .into(OrganisationMember)
        .values({ organisationId: organisation.id, applicantId: applicant.id })
        .orIgnore()
        .execute();
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'organisation.member-joined',
        subjectType: 'organisation',
        subjectId: organisation.id,
        after: { inviteId: invite.id },
      });
      return organisation;
    });
  }

  /** Says no to an invitation. A member can invite the address again later. */
  async declineInvite(applicant: Applicant, inviteId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { invite, organisation, now } = await this.openInviteTo(manager, applicant, inviteId);
      await manager.update(OrganisationInvite, { id: invite.id }, { declinedAt: now });
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'organisation.invite-declined',
        subjectType: 'organisation',
        subjectId: organisation.id,
        after: { inviteId: invite.id },
      });
    });
  }

  /** A member withdraws an open invitation to their organisation before it is answered. */
  async revokeInvite(
    applicant: Applicant,
    organisationId: string,
    inviteId: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertMember(manager, applicant, organisationId);
      if (!isUuid(inviteId)) throw new InvitationNotFoundException(REVOKE_NOT_FOUND);
      const invite = await manager.findOne(OrganisationInvite, {
        where: { id: inviteId, organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invite) throw new InvitationNotFoundException(REVOKE_NOT_FOUND);
      const now = this.clock.now();
      switch (inviteState(invite, now)) {
        case 'accepted':
          throw new InvitationAlreadyAnsweredException(
            `${invite.email} has already accepted this invitation and is a member.`,
          );
        case 'declined':
          throw new InvitationAlreadyAnsweredException(
            `${invite.email} has already declined this invitation, so there is nothing to withdraw.`,
          );
        case 'revoked':
          throw new InvitationAlreadyAnsweredException(
            `The invitation to ${invite.email} has already been withdrawn.`,
          );
        case 'expired':
          throw new InvitationExpiredException(
            `The invitation to ${invite.email} expired on ${formatUk(invite.expiresAt)}, so there is nothing to withdraw.`,
          );
        case 'open':
          break;
      }
      await manager.update(OrganisationInvite, { id: invite.id }, { revokedAt: now });
      await this.audit.record(manager, applicantActor(applicant), {
        action: 'organisation.invite-revoked',
        subjectType: 'organisation',
        subjectId: organisationId,
        after: { inviteId: invite.id },
      });
    });
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

  /**
   * The invitation, locked, if it was sent to this applicant's address and is still open.
   * Another address's invitation is "not found", the same as an id that does not exist.
   */
  private async openInviteTo(
    manager: EntityManager,
    applicant: Applicant,
    inviteId: string,
  ): Promise<{ invite: OrganisationInvite; organisation: Organisation; now: Date }> {
    if (!isUuid(inviteId)) throw new InvitationNotFoundException();
    const invite = await manager.findOne(OrganisationInvite, {
      where: { id: inviteId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!invite || invite.email !== applicant.email) throw new InvitationNotFoundException();
    const organisation = await manager.findOneByOrFail(Organisation, { id: invite.organisationId });
    const now = this.clock.now();
    const again = `ask one of its members to invite you again`;
    switch (inviteState(invite, now)) {
      case 'accepted':
        throw new InvitationAlreadyAnsweredException(
          `You have already accepted this invitation: ${organisation.name} is in your organisations.`,
        );
      case 'declined':
        throw new InvitationAlreadyAnsweredException(
          `You have already declined this invitation. To work on ${organisation.name}'s applications, ${again}.`,
        );
      case 'revoked':
        throw new InvitationWithdrawnException(
          `This invitation was withdrawn by a member of ${organisation.name}. If you should be working on its applications, ${again}.`,
        );
      case 'expired':
        throw new InvitationExpiredException(
          `This invitation expired on ${formatUk(invite.expiresAt)}. To work on ${organisation.name}'s applications, ${again}.`,
        );
      case 'open':
        return { invite, organisation, now };
    }
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
