import { ORGANISATION_TYPE_KEYS } from '@grants/funds';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_TEXT, OrganisationInput } from '../organisation-rules';

const tooLong = (max: number) => ({ message: `Must be ${max} characters or fewer` });

/**
 * The whole organisation profile, as the API takes it (create, or replace with PUT). Every field
 * is text; blanks are allowed here and the profile rules (checkOrganisation) say which are needed,
 * with a message on each field.
 */
export class OrganisationDto {
  @ApiProperty({ example: 'Braunstone Youth Diversion Project', maxLength: MAX_TEXT.name })
  @IsString({ message: "Enter your organisation's name" })
  @MaxLength(MAX_TEXT.name, tooLong(MAX_TEXT.name))
  name: string;

  @ApiProperty({ enum: ORGANISATION_TYPE_KEYS, example: 'charity' })
  @IsIn(ORGANISATION_TYPE_KEYS, { message: 'Select the type of organisation' })
  type: string;

  @ApiPropertyOptional({
    example: '1123456',
    description:
      'Registered charity number (needed for charities and CIOs): 1123456, SC012345 or NIC100001; empty if none',
  })
  @IsOptional()
  @IsString({ message: 'The charity number must be text, like 1123456' })
  @MaxLength(20, { message: 'Enter a charity number in the correct format, like 1123456' })
  charityNumber?: string;

  @ApiPropertyOptional({
    example: '',
    description:
      'Companies House number (needed for CICs and companies): 01234567 or SC123456; leading zeros are added back; empty if none',
  })
  @IsOptional()
  @IsString({ message: 'The company number must be text, like 01234567' })
  @MaxLength(20, { message: 'Enter a company number in the correct format, like 01234567' })
  companyNumber?: string;

  @ApiProperty({ example: '1 Winstanley Drive', maxLength: MAX_TEXT.address })
  @IsString({ message: 'Enter the first line of the address' })
  @MaxLength(MAX_TEXT.address, tooLong(MAX_TEXT.address))
  addressLine1: string;

  @ApiPropertyOptional({ example: '', maxLength: MAX_TEXT.address })
  @IsOptional()
  @IsString({ message: 'The second line of the address must be text' })
  @MaxLength(MAX_TEXT.address, tooLong(MAX_TEXT.address))
  addressLine2?: string;

  @ApiProperty({ example: 'Leicester', maxLength: MAX_TEXT.person })
  @IsString({ message: 'Enter the town or city' })
  @MaxLength(MAX_TEXT.person, tooLong(MAX_TEXT.person))
  town: string;

  @ApiProperty({ example: 'LE3 1PA', description: 'A full UK postcode' })
  @IsString({ message: 'Enter the postcode' })
  @MaxLength(20, { message: 'Enter a full UK postcode, like DN15 9AB' })
  postcode: string;

  @ApiProperty({ example: 'Sam Patel', maxLength: MAX_TEXT.person })
  @IsString({ message: 'Enter the name of the main contact' })
  @MaxLength(MAX_TEXT.person, tooLong(MAX_TEXT.person))
  contactName: string;

  @ApiProperty({ example: 'sam@braunstone-youth.org.uk' })
  @IsString({ message: "Enter the main contact's email address" })
  @MaxLength(254, { message: 'Enter an email address like name@example.org' })
  contactEmail: string;

  @ApiProperty({ example: '0116 496 0000', maxLength: MAX_TEXT.phone })
  @IsString({ message: "Enter the main contact's phone number" })
  @MaxLength(MAX_TEXT.phone, tooLong(MAX_TEXT.phone))
  contactPhone: string;

  @ApiProperty({ example: 'Jo Carter', maxLength: MAX_TEXT.person })
  @IsString({ message: 'Enter the name of your safeguarding lead' })
  @MaxLength(MAX_TEXT.person, tooLong(MAX_TEXT.person))
  safeguardingLeadName: string;

  @ApiProperty({ example: 'jo@braunstone-youth.org.uk' })
  @IsString({ message: "Enter your safeguarding lead's email address" })
  @MaxLength(254, { message: 'Enter an email address like name@example.org' })
  safeguardingLeadEmail: string;
}

/** The profile rules take every field as text: absent optional fields are blanks. */
export function organisationDtoToInput(dto: OrganisationDto): OrganisationInput {
  return {
    ...dto,
    charityNumber: dto.charityNumber ?? '',
    companyNumber: dto.companyNumber ?? '',
    addressLine2: dto.addressLine2 ?? '',
  };
}
