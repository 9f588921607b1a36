/** Bodies of nomination, decision and revocation (docs/api.md, "Vote, nomination, decision"). */
import { LIMITS } from '#domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { UnitParams } from '../submissions/submission.dto.js';
import { BoolField, DATE_PATTERN, ID_PATTERN, IdField, NestedArrayField, TextField } from '../dto/fields.js';

export class NominationDto {
  @IdField() unitId!: string;
  @IdField({ example: 'emulation-flag' }) award!: string;
}

export class DossierItemDto {
  @TextField(LIMITS.code, { example: 'minutes' }) kind!: string;
  @TextField(LIMITS.reference, { example: 'BB-01/2021' }) ref!: string;
  @ApiProperty({ required: false, pattern: '^[0-9a-f]{64}$' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' })
  @IsString()
  sha256?: string;
}

export class SubmitNominationsDto {
  @NestedArrayField(() => NominationDto, LIMITS.nominations) nominations!: NominationDto[];
  @NestedArrayField(() => DossierItemDto, LIMITS.dossier) dossier!: DossierItemDto[];
}

export class AcceptNominationsDto {
  @TextField(LIMITS.text, { optional: true }) note?: string;
}

export class ReturnNominationsDto {
  @TextField(LIMITS.text) reason!: string;
}

export class GrantDto {
  @IdField() unitId!: string;
  @IdField() award!: string;
  @BoolField() granted!: boolean;
  @TextField(LIMITS.text, { optional: true }) reason?: string;
}

export class AwardDecisionDto {
  @TextField(LIMITS.code, { example: '123/QĐ-UBND' }) decisionNo!: string;
  @ApiProperty({ pattern: DATE_PATTERN.source, example: '2021-04-20' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'issuedOn must be a date YYYY-MM-DD' })
  issuedOn!: string;
  @TextField(LIMITS.name) signer!: string;
  @NestedArrayField(() => GrantDto, LIMITS.grants) grants!: GrantDto[];
}

export class AwardParams extends UnitParams {
  @ApiProperty({ pattern: ID_PATTERN.source }) @IsString() @Matches(ID_PATTERN) award!: string;
}

export class RevokeAwardDto {
  @TextField(LIMITS.text) reason!: string;
  @TextField(LIMITS.code) decisionNo!: string;
}
