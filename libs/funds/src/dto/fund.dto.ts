import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateFundDto {
  @ApiProperty({ example: "Commissioner's Safety Fund" })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'commissioners-safety-fund' })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: 'slug must be lower-case words joined by hyphens',
  })
  @MaxLength(80)
  slug: string;

  @ApiProperty({ example: 'CSF' })
  @Matches(/^[A-Z0-9]{2,8}$/, { message: 'code must be 2 to 8 capital letters or digits' })
  code: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  description: string;

  @ApiProperty({ example: 'Office of the Police and Crime Commissioner for Leicestershire' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  owningOffice: string;
}

export class UpdateFundDto extends PartialType(CreateFundDto) {}
