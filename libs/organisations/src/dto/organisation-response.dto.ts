import { ORGANISATION_TYPE_KEYS, ORGANISATION_TYPES } from '@grants/funds';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Organisation } from '../entities/organisation.entity';
import { orgIdentifier } from '../organisation-rules';
import type { OrganisationMembers, PendingInvite } from '../organisations.service';

/** An organisation as the API shows it to its members. */
export class OrganisationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Braunstone Youth Diversion Project' })
  name: string;

  @ApiProperty({ enum: ORGANISATION_TYPE_KEYS, example: 'charity' })
  type: string;

  @ApiProperty({ example: 'Registered charity' })
  typeLabel: string;

  @ApiProperty({ example: '1123456', nullable: true, type: String })
  charityNumber: string | null;

  @ApiProperty({ example: null, nullable: true, type: String })
  companyNumber: string | null;

  @ApiProperty({
    example: 'GB-CHC-1123456',
    nullable: true,
    type: String,
    description:
      'The 360Giving organisation identifier: from the charity number, else the company number; null for unregistered groups',
  })
  orgIdentifier: string | null;

  @ApiProperty({ example: '1 Winstanley Drive' })
  addressLine1: string;

  @ApiProperty({ example: '' })
  addressLine2: string;

  @ApiProperty({ example: 'Leicester' })
  town: string;

  @ApiProperty({ example: 'LE3 1PA' })
  postcode: string;

  @ApiProperty({ example: 'Sam Patel' })
  contactName: string;

  @ApiProperty({ example: 'sam@braunstone-youth.org.uk' })
  contactEmail: string;

  @ApiProperty({ example: '0116 496 0000' })
  contactPhone: string;

  @ApiProperty({ example: 'Jo Carter' })
  safeguardingLeadName: string;

  @ApiProperty({ example: 'jo@braunstone-youth.org.uk' })
  safeguardingLeadEmail: string;

  @ApiProperty({ example: '2025-03-10T09:15:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2025-03-10T09:15:00.000Z' })
  updatedAt: string;
}

export class OrganisationListDto {
  @ApiProperty({ type: [OrganisationResponseDto] })
  organisations: OrganisationResponseDto[];
}

class MemberDto {
  @ApiProperty({ example: 'sam@braunstone-youth.org.uk' })
  email: string;

  @ApiProperty({ example: '2025-03-10T09:15:00.000Z' })
  joinedAt: string;
}

class PendingInviteDto {
  @ApiProperty({
    format: 'uuid',
    description: 'To withdraw it: DELETE /api/v1/organisations/{id}/invites/{inviteId}',
  })
  id: string;

  @ApiProperty({ example: 'alex@braunstone-youth.org.uk' })
  email: string;

  @ApiProperty({
    example: '2025-03-11T14:02:00.000Z',
    description: 'When the latest invitation was sent',
  })
  invitedAt: string;

  @ApiProperty({
    example: '2025-03-25T14:02:00.000Z',
    description: 'It can be accepted until then',
  })
  expiresAt: string;
}

export class OrganisationMembersDto {
  @ApiProperty({ type: [MemberDto] })
  members: MemberDto[];

  @ApiPropertyOptional({
    type: [PendingInviteDto],
    description:
      'Open invitations: not yet accepted, declined or withdrawn, and not expired. Invited people are not members until they accept.',
  })
  invites: PendingInviteDto[];
}

/** An open invitation to your address. */
export class InvitationResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Accept or decline it with this id' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ example: 'Braunstone Youth Diversion Project' })
  organisationName: string;

  @ApiProperty({
    example: 'sam@braunstone-youth.org.uk',
    nullable: true,
    type: String,
    description: 'The member who sent it',
  })
  invitedBy: string | null;

  @ApiProperty({ example: '2025-03-11T14:02:00.000Z' })
  invitedAt: string;

  @ApiProperty({
    example: '2025-03-25T14:02:00.000Z',
    description: 'It can be accepted until then',
  })
  expiresAt: string;
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationResponseDto] })
  invitations: InvitationResponseDto[];
}

export function organisationView(org: Organisation): OrganisationResponseDto {
  return {
    id: org.id,
    name: org.name,
    type: org.type,
    typeLabel: Object.hasOwn(ORGANISATION_TYPES, org.type)
      ? ORGANISATION_TYPES[org.type]
      : org.type,
    charityNumber: org.charityNumber,
    companyNumber: org.companyNumber,
    orgIdentifier: orgIdentifier(org),
    addressLine1: org.addressLine1,
    addressLine2: org.addressLine2,
    town: org.town,
    postcode: org.postcode,
    contactName: org.contactName,
    contactEmail: org.contactEmail,
    contactPhone: org.contactPhone,
    safeguardingLeadName: org.safeguardingLeadName,
    safeguardingLeadEmail: org.safeguardingLeadEmail,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}

export function membersView(found: OrganisationMembers): OrganisationMembersDto {
  return {
    members: found.members.map((m) => ({ email: m.email, joinedAt: m.joinedAt.toISOString() })),
    invites: found.invites.map((i) => ({
      id: i.id,
      email: i.email,
      invitedAt: i.invitedAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
    })),
  };
}

export function invitationView(invite: PendingInvite): InvitationResponseDto {
  return {
    id: invite.id,
    organisationId: invite.organisationId,
    organisationName: invite.organisationName,
    invitedBy: invite.invitedBy,
    invitedAt: invite.invitedAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
  };
}
