/** What a unit sent in one submission, version by version, with the leader's review and the score adjustments. */
import { Alert, Descriptions, Empty, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CycleConfig, SubmissionKind, UnitSubmissions } from '../api/views';
import { STATE_COLORS, useFmt } from './fmt';
import { contentLines, criterionTitle } from './submission-content';

export function SubmissionContent(props: { config: CycleConfig; kind: SubmissionKind; data: UnitSubmissions }) {
  const { config, kind, data } = props;
  const f = useFmt(config.timeZone);
  const versions = data[kind];
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  if (versions.length === 0) return <Empty description={f.t('Đơn vị chưa nộp')} />;
  const version = versions.find((v) => v.version === chosen) ?? versions[versions.length - 1]!;
  const lines = contentLines(kind, version, config, f);
  const review = version.review;
  return (
    <section className="submission-content" aria-label={f.t('Nội dung đã nộp')} tabIndex={0}>
      <Typography.Title level={3} className="card-title">
        {f.t('Nội dung đã nộp')}
      </Typography.Title>
      {versions.length > 1 && (
        <Segmented
          className="section"
          value={version.version}
          onChange={(v) => setChosen(Number(v))}
          options={versions.map((v) => ({ value: v.version, label: f.t('Lần {n}', { n: v.version }) }))}
        />
      )}
      <Space wrap className="section">
        <span>{f.t('Lần {n} nộp lúc {at}', { n: version.version, at: f.at(version.submittedAt) })}</span>
        {version.late && <Tag color={STATE_COLORS.late}>{f.state('late')}</Tag>}
        {review && <Tag color={STATE_COLORS[review.outcome]}>{f.state(review.outcome)}</Tag>}
      </Space>
      {/* The latest version's return is the drawer's own notice: said once. */}
      {review && !(review.outcome === 'returned' && version === versions.at(-1)) && (
        <Alert
          className="section"
          type={review.outcome === 'accepted' ? 'success' : 'warning'}
          title={
            review.outcome === 'accepted'
              ? f.t('{role} chấp nhận lúc {at}.', { role: f.role(review.role), at: f.at(review.at) })
              : f.t('{role} trả lại lúc {at}.', { role: f.role(review.role), at: f.at(review.at) })
          }
          description={review.reason ?? review.note}
        />
      )}
      <Descriptions column={1} size="small" bordered className="section">
        {kind === 'registration' && (
          <Descriptions.Item label={f.t('Danh hiệu đăng ký')}>
            {version.aimedAward ? f.award(version.aimedAward) : f.t('Không đăng ký danh hiệu')}
          </Descriptions.Item>
        )}
        {lines.map((line) => (
          <Descriptions.Item key={line.criterionId} label={line.label}>
            <div>
              <strong>{line.value}</strong>
            </div>
            {line.figures && <div>{line.figures}</div>}
            {line.text && (
              <div>
                {kind === 'self-assessment' ? `${f.t('Minh chứng')}: ` : `${f.t('Ghi chú')}: `}
                {line.text}
              </div>
            )}
            {line.attachments && <div>{f.t('{n} tệp đính kèm', { n: line.attachments })}</div>}
          </Descriptions.Item>
        ))}
        {kind === 'mid-year-report' && version.summary && (
          <Descriptions.Item label={f.t('Tóm tắt sơ kết')}>{version.summary}</Descriptions.Item>
        )}
      </Descriptions>
      {kind === 'self-assessment' && data.adjustments.length > 0 && (
        <>
          <Typography.Title level={3} className="card-title">
            {f.t('Điều chỉnh điểm khi thẩm định')}
          </Typography.Title>
          <Descriptions column={1} size="small" bordered>
            {data.adjustments.map((a) => (
              <Descriptions.Item key={`${a.at}-${a.criterionId}`} label={criterionTitle(config, a.criterionId, f.t)}>
                <div>
                  <strong>
                    {f.points(a.from)} → {f.points(a.to)}
                  </strong>
                </div>
                <div>
                  {f.t('Lý do')}: {a.reason}
                </div>
                <div>{f.t('{role}, lúc {at}', { role: f.role(a.role), at: f.at(a.at) })}</div>
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      )}
    </section>
  );
}
