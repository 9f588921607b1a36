/** The memoized metadata lookup validates exactly as class-validator's own, classes defined later included. */
import { describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata-memo.js';

class Line {
  @IsString() @MaxLength(3) id!: string;
  @IsInt() @Max(10) points!: number;
}

class Sheet {
  @IsString() unitId!: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

function sheet(lines: Partial<Line>[], extra: Record<string, unknown> = {}): Sheet {
  return Object.assign(new Sheet(), {
    unitId: 'an-phu',
    lines: lines.map((l) => Object.assign(new Line(), l)),
    ...extra,
  });
}

const samples = () => [
  sheet([{ id: 'a', points: 3 }]),
  sheet([{ id: 'toolong', points: 11 }, { id: 'b' }]),
  sheet([{ id: 'c', points: 1 }], { unknown: 1 }),
];

describe('memoizeValidationMetadata', () => {
  it('finds the errors class-validator finds, before and after classes are added', () => {
    const before = samples().map((s) => validateSync(s, OPTIONS));
    memoizeValidationMetadata();
    memoizeValidationMetadata(); // twice: one wrapper only
    expect(samples().map((s) => validateSync(s, OPTIONS))).toEqual(before);
    expect(samples().map((s) => validateSync(s, OPTIONS))).toEqual(before);
    expect(before.map((errors) => errors.length)).toEqual([0, 1, 1]);

    // A class defined after the first lookups: its own rule and the inherited ones apply.
    class SignedSheet extends Sheet {
      @IsString() signedBy!: string;
    }
    const signed = Object.assign(new SignedSheet(), { unitId: 7, lines: [] });
    expect(
      validateSync(signed, OPTIONS)
        .map((e) => e.property)
        .sort(),
    ).toEqual(['signedBy', 'unitId']);
    expect(samples().map((s) => validateSync(s, OPTIONS))).toEqual(before);

    // A rule added to a class already looked up (as @nestjs/mapped-types does) is seen.
    class Note {
      @IsString() text!: string;
    }
    const note = Object.assign(new Note(), { text: 'x', pages: 'two' });
    expect(validateSync(note, OPTIONS).map((e) => Object.keys(e.constraints ?? {}))).toEqual([['whitelistValidation']]);
    IsInt()(Note.prototype, 'pages');
    expect(validateSync(note, OPTIONS).map((e) => Object.keys(e.constraints ?? {}))).toEqual([['isInt']]);
  });
});
