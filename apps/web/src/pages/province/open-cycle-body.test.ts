import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { toOpenCycleBody, type Values } from './open-cycle-body';

const values: Values = {
  clusterId: ' cum-2 ',
  clusterName: 'Cụm thi đua số 2',
  provinceId: 'an-giang',
  year: 2027,
  timeZone: 'Asia/Ho_Chi_Minh',
  units: [{ id: 'an-phu', name: 'Huyện An Phú' }],
  leaderUnitId: 'an-phu',
  criteria: { groups: [], bonus: [], penalty: [] },
  awards: [{ kind: 'emulation-flag', quota: 1 }],
  voteRules: { quorum: '2/3', passThreshold: 0.7, of: 'ballots-cast' },
  schedule: { registration: dayjs('2027-03-31') },
};

describe('toOpenCycleBody', () => {
  it('sends the days off, reminders and time as the API reads them', () => {
    const body = toOpenCycleBody({
      ...values,
      reminders: '7, 1; PT12H',
      at: '08:00',
      holidays: [dayjs('2027-04-30'), dayjs('2027-02-08')],
    });
    expect(body.clusterId).toBe('cum-2');
    expect(body.schedule).toEqual({ registration: '2027-03-31' });
    expect(body.notifications).toEqual({
      reminders: ['P7D', 'P1D', 'PT12H'],
      at: '08:00',
      holidays: ['2027-04-30', '2027-02-08'],
    });
  });

  it('leaves the notifications out when nothing of them is given', () => {
    expect(toOpenCycleBody({ ...values, reminders: '', at: '', holidays: [] })).not.toHaveProperty('notifications');
  });
});
