/** Bodies of nomination, decision and revocation (docs/api.md, "Vote, nomination, decision"). */
import { LIMITS } from '#domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { UnitParams } from '../submissions/submission.dto.js';
import { BoolField, DATE_PATTERN, ID_PATTERN, IdField, IntField, NestedArrayField, TextField } from '../dto/fields.js';

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

export class CouncilResultDto {
  @IdField() unitId!: string;
  @IdField({ example: 'emulation-flag' }) award!: string;
  @IntField(0, LIMITS.present) approve!: number;
  @IntField(0, LIMITS.present) reject!: number;
  @BoolField() passed!: boolean;
}

/** The provincial council's review of the accepted dossier. */
export class CouncilReviewDto {
  @ApiProperty({ pattern: DATE_PATTERN.source, example: '2021-04-12' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'meetingOn must be a date YYYY-MM-DD' })
  meetingOn!: string;
  @TextField(LIMITS.reference, { example: 'BB-HĐTĐKT-04/2021' }) minutesRef!: string;
  @NestedArrayField(() => CouncilResultDto, LIMITS.units) results!: CouncilResultDto[];
}

export class GrantDto {
  @IdField() unitId!: string;
  @IdField({ description: 'the award proposed' }) award!: string;
  @BoolField() granted!: boolean;
  @IdField({ optional: true, description: 'a lower form granted instead (a reason is required)' }) grantedAs?: string;
  @TextField(LIMITS.text, { optional: true, description: 'required for a refusal or a lower form' }) reason?: string;
}

export class AwardDecisionDto {
  @TextField(LIMITS.code, { example: '123/QĐ-UBND' }) decisionNo!: string;
  @ApiProperty({ pattern: DATE_PATTERN.source, example: '2021-04-20' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'issuedOn must be a date YYYY-MM-DD' })
  issuedOn!: string;
  @TextField(LIMITS.name) signer!: string;
  @TextField(LIMITS.name, { example: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' }) signerTitle!: string;
  @NestedArrayField(() => GrantDto, LIMITS.grants) grants!: GrantDto[];
}

export class AwardParams extends UnitParams {
  @ApiProperty({ pattern: ID_PATTERN.source }) @IsString() @Matches(ID_PATTERN) award!: string;
}

export class RevokeAwardDto {
  @TextField(LIMITS.text) reason!: string;
  @TextField(LIMITS.text, { example: 'Điều 76 Luật Thi đua, khen thưởng 2022' }) legalGround!: string;
  @TextField(LIMITS.code, { description: 'the revoking decision' }) decisionNo!: string;
  @ApiProperty({ pattern: DATE_PATTERN.source, example: '2021-09-01' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'issuedOn must be a date YYYY-MM-DD' })
  issuedOn!: string;
  @IntField(0, 1e12, { optional: true, description: 'prize money paid, to be recovered (VND)' }) prizeMoneyVnd?: number;
}
