import { describe, expect, it } from 'vitest';
import { EN } from '../i18n/en';
import { pickerPlaceholder, PICKER_PLACEHOLDER } from './picker-placeholder';

describe('the placeholder of an empty date picker', () => {
  it('is the field’s own when it has one (a due date: "Chọn hạn mới"), else the project’s generic wording', () => {
    expect(pickerPlaceholder('datetime', 'vi', 'Chọn hạn mới')).toBe('Chọn hạn mới');
    expect(pickerPlaceholder('datetime', 'vi')).toBe('Chọn ngày và giờ');
    expect(pickerPlaceholder('date', 'vi')).toBe('Chọn ngày');
    expect(pickerPlaceholder('datetime', 'en')).toBe('Pick a date and time');
    expect(EN['Chọn hạn mới']).toBe('Pick the new due date');
    for (const text of Object.values(PICKER_PLACEHOLDER)) expect(EN[text]).toBeDefined();
  });
});
