/**
 * The witness on the auditor's page: looks at the signed log on each visit and every minute
 * (witness-check.ts decides), and shows a rewritten history as an alarm at the top of the page,
 * a calm line when the log only grew.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { toProblem } from '../../api/problem';
import { useFmt } from '../../app/fmt';
import { canWitness, witnessOnce, type WitnessAlarm, type WitnessSources, type WitnessState } from './witness-check';

const EVERY_MINUTE = 60_000;

const sources: WitnessSources = {
  logKey: async () =>
    (await unwrap(api.GET('/api/v1/audit/log-key', {}))) as unknown as { origin: string; verifierKey: string },
  checkpoint: async () => (await unwrap(api.GET('/api/v1/audit/checkpoint', { parseAs: 'text' }))) as unknown as string,
  consistency: async (from, to) =>
    (await unwrap(api.GET('/api/v1/audit/proofs/consistency', { params: { query: { from, to } } }))) as unknown as {
      hashes: string[];
    },
};

export function useWitness() {
  return useQuery({
    queryKey: ['witness'],
    staleTime: 0,
    refetchInterval: EVERY_MINUTE,
    retry: false,
    queryFn: async (): Promise<WitnessState> =>
      (await canWitness()) ? witnessOnce(sources, localStorage) : { kind: 'unsupported' },
  });
}

/** What each alarm means, in a sentence the switch can translate (the witness's own reason follows). */
function alarmSummary(t: (vi: string) => string, alarm: WitnessAlarm): string {
  switch (alarm) {
    case 'rewritten':
      return t('Điểm kiểm tra mới không nối tiếp điểm kiểm tra đã lưu trong trình duyệt này.');
    case 'bad-signature':
      return t('Điểm kiểm tra mới không mang chữ ký hợp lệ của khóa đã ghim.');
    case 'malformed':
      return t('Điểm kiểm tra đã lưu không khớp với khóa đã ghim.');
    case 'key-changed':
      return t('Khóa kiểm tra của sổ nhật ký khác với khóa đã ghim trong trình duyệt này.');
    case 'unreadable':
      return t('Điểm kiểm tra lưu trong trình duyệt này không đọc được.');
  }
}

/** The alarm banner, first on the page; nothing while all is well. */
export function WitnessAlarmBanner({ state }: { state: WitnessState | undefined }) {
  const f = useFmt();
  if (state?.kind !== 'alarm') return null;
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ borderWidth: 2, borderColor: '#b71c1c' }}
      styles={{ title: { fontWeight: 700, fontSize: 18 } }}
      title={
        state.alarm === 'key-changed'
          ? f.t('Cảnh báo: khóa kiểm tra của sổ nhật ký đã bị thay đổi')
          : f.t('Cảnh báo: lịch sử sổ nhật ký đã bị thay đổi')
      }
      description={
        <>
          <p>
            <strong>{alarmSummary(f.t, state.alarm)}</strong>
          </p>
          <p>
            {f.t('Chi tiết')}: {state.reason}.
          </p>
          {state.kept && (
            <p>
              {f.t('Điểm kiểm tra đã lưu: {n} sự kiện, đối chiếu lần cuối lúc {at}.', {
                n: state.kept.size,
                at: f.at(state.kept.checkedAt),
              })}
            </p>
          )}
          <p>
            {state.refused?.size !== undefined
              ? f.t('Máy chủ đưa điểm kiểm tra {n} sự kiện lúc {at}.', {
                  n: state.refused.size,
                  at: f.at(state.checkedAt),
                })
              : f.t('Phát hiện lúc {at}.', { at: f.at(state.checkedAt) })}
          </p>
          {state.kept && (
            <p>
              {f.t('Trình duyệt giữ nguyên điểm kiểm tra đã lưu làm bằng chứng.')}{' '}
              {f.t('Hãy sao chép bằng chứng dưới đây và báo cáo ngay; đừng xóa dữ liệu của trang này.')}
            </p>
          )}
          {state.kept && (
            <Typography.Paragraph copyable={{ text: state.kept.note }}>
              {f.t('Sao chép điểm kiểm tra đã lưu')}
            </Typography.Paragraph>
          )}
          {state.refused && (
            <Typography.Paragraph copyable={{ text: state.refused.note }}>
              {f.t('Sao chép điểm kiểm tra máy chủ vừa đưa')}
            </Typography.Paragraph>
          )}
        </>
      }
    />
  );
}

/** The calm line under the title: when the log was last found consistent, or why it could not be. */
export function WitnessStatusLine({ state, error }: { state: WitnessState | undefined; error: unknown }) {
  const f = useFmt();
  if (error)
    return (
      <Alert
        role="status"
        type="warning"
        showIcon
        title={f.t('Chưa đối chiếu được điểm kiểm tra mới của sổ nhật ký')}
        description={toProblem(error).title}
      />
    );
  if (state?.kind === 'unsupported')
    return (
      <Alert
        role="status"
        type="warning"
        showIcon
        title={f.t('Trình duyệt này không kiểm tra được chữ ký của sổ nhật ký.')}
        description={f.t('Cần kết nối HTTPS và trình duyệt hỗ trợ chữ ký Ed25519.')}
      />
    );
  if (state?.kind !== 'ok') return null;
  return (
    <Typography.Text role="status" type="secondary" data-testid="witness-status">
      {f.t('Đã đối chiếu điểm kiểm tra: {n} sự kiện, lúc {at}', { n: state.size, at: f.at(state.checkedAt) })}
    </Typography.Text>
  );
}
