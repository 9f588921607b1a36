/**
 * The reference year's people as accounts, so a newcomer can sign in and look around the finished
 * year: the province office, the approver, an auditor, the cluster leader and one officer per unit,
 * all of An Giang and all with one demo password. Made through the same service as
 * `npm run accounts` (the grants are events in the log); an account already there is left as it is.
 */
import { AccountError, AccountsService, openIdentityStore, type AccountCommand, type AppConfigForAccounts } from '#api';
import { createEventStore } from '#event-store';
import type { Scenario } from '#scenario';

export const DEMO_PASSWORD = 'thidua-demo-2020';

export interface DemoAccount {
  username: string;
  name: string;
  role: string;
}

export function demoAccounts(s: Scenario): (DemoAccount & { command: AccountCommand })[] {
  const province = s.province.id;
  const grant = (
    username: string,
    name: string,
    role: 'province' | 'approver' | 'auditor' | 'leader' | 'unit',
    unitId?: string,
  ) => ({
    username,
    name,
    role,
    command: {
      type: 'GrantAccount' as const,
      username,
      profile: { name, roles: [role], provinceId: province, ...(unitId ? { unitId } : {}) },
      reason: 'Tài khoản trình diễn (npm run demo)',
    },
  });
  const leader = s.units.find((u) => u.id === s.leaderUnitId)!;
  return [
    grant('demo-tinh', `Ban Thi đua – Khen thưởng tỉnh ${s.province.name}`, 'province'),
    grant('demo-chu-tich', `Chủ tịch UBND tỉnh ${s.province.name}`, 'approver'),
    grant('demo-kiem-toan', 'Kiểm toán viên', 'auditor'),
    grant('demo-truong-cum', `Trưởng cụm (${leader.name})`, 'leader', leader.id),
    ...s.units.map((u) => grant(`demo-${u.id}`, `Cán bộ thi đua ${u.name}`, 'unit', u.id)),
  ];
}

/** Creates the demo accounts that do not exist yet in the configured stores; answers them all. */
export async function ensureDemoAccounts(config: AppConfigForAccounts, s: Scenario): Promise<DemoAccount[]> {
  const identity = await openIdentityStore(config);
  const store = await createEventStore(config.eventStore);
  try {
    const accounts = new AccountsService(identity, store);
    const all = demoAccounts(s);
    for (const account of all) {
      try {
        await accounts.execute(account.command, { userId: 'npm-run-demo' }, new Date().toISOString(), DEMO_PASSWORD);
      } catch (error) {
        if (!(error instanceof AccountError && error.code === 'USERNAME_TAKEN')) throw error;
      }
    }
    return all.map(({ username, name, role }) => ({ username, name, role }));
  } finally {
    await store.close();
    await identity.close();
  }
}
