/**
 * A unit's three submissions. Each PUT is a new version (nothing is overwritten); the problem's
 * field errors (`targets.2.target`, `scores.4.points`) land on the criterion's own input.
 */
import { Button, Card, Form, Input, InputNumber, Select, Typography, type FormInstance } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client';
import type { NamePath } from '../../api/problem';
import { useUnitSubmissions } from '../../api/queries';
import type { Criterion, CycleStatus, SubmissionKind } from '../../api/views';
import { useFmt } from '../../app/fmt';
import { ProblemAlert, useFormCommand } from '../../app/problems';
import { prefill } from '../../app/submission-content';

interface Props {
  cycle: CycleStatus;
  unitId: string;
  disabled: boolean;
}

/**
 * Fills the form with the latest version the unit sent (a returned one is corrected from what was
 * sent); answers whether that version was accepted, when the form only shows it.
 */
function useLatestVersion(form: FormInstance, cycle: CycleStatus, unitId: string, kind: SubmissionKind): boolean {
  const { data } = useUnitSubmissions(cycle.cycleId, unitId);
  const latest = data?.[kind].at(-1);
  useEffect(() => {
    if (latest) form.setFieldsValue(prefill(kind, latest));
    // Once per version: a later refetch of the same version must not overwrite what the officer is typing.
  }, [form, kind, latest?.version]);
  return latest?.review?.outcome === 'accepted';
}

const allCriteria = (cycle: CycleStatus): Criterion[] => cycle.config.criteria.groups.flatMap((g) => g.criteria);

/** `list.N.field` of the body, where the body's list was built from `ids`, as the form's `[field, id]`. */
export function byCriterion(ids: string[], fields: Record<string, string>) {
  return (path: string[]): NamePath | undefined => {
    const [, index, field] = path;
    const id = ids[Number(index)];
    const name = field === undefined ? undefined : fields[field];
    return id !== undefined && name ? [name, id] : undefined;
  };
}

/** The filled rows of a per-criterion form, in the criteria's order. */
export function filled<T>(ids: string[], values: Record<string, T | null | undefined> | undefined): string[] {
  return ids.filter((id) => values?.[id] !== undefined && values?.[id] !== null);
}

export function RegistrationForm({ cycle, unitId, disabled }: Props) {
  const f = useFmt(cycle.config.timeZone);
  const [form] = Form.useForm();
  const accepted = useLatestVersion(form, cycle, unitId, 'registration');
  const criteria = allCriteria(cycle);
  const ids = criteria.map((c) => c.id);
  let sent: string[] = [];
  const { submit, problem, pending } = useFormCommand<{
    aimedAward?: string;
    target?: Record<string, number>;
    note?: Record<string, string>;
  }>(
    form,
    (v) => {
      sent = filled(ids, v.target);
      return unwrap(
        api.PUT('/api/v1/cycles/{cycleId}/units/{unitId}/registration', {
          params: { path: { cycleId: cycle.cycleId, unitId } },
          body: {
            ...(v.aimedAward ? { aimedAward: v.aimedAward } : {}),
            targets: sent.map((id) => ({
              criterionId: id,
              target: v.target![id]!,
              ...(v.note?.[id] ? { note: v.note[id] } : {}),
            })),
          },
        }),
      );
    },
    {
      toName: (p) =>
        p[0] === 'aimedAward' ? ['aimedAward'] : byCriterion(sent, { target: 'target', note: 'note' })(p),
    },
  );
  return (
    <Form form={form} layout="vertical" name="registration" onFinish={submit} disabled={disabled || accepted}>
      <Form.Item label={f.t('Danh hiệu đăng ký')} name="aimedAward">
        <Select allowClear options={cycle.config.awards.map((a) => ({ value: a.kind, label: f.award(a.kind) }))} />
      </Form.Item>
      <Typography.Title level={3} className="card-title">
        {f.t('Chỉ tiêu theo tiêu chí')}
      </Typography.Title>
      {criteria.map((c) => (
        <Card size="small" key={c.id} className="section">
          <Form.Item label={`${f.t('Chỉ tiêu')}: ${c.title}${c.unit ? ` (${c.unit})` : ''}`} name={['target', c.id]}>
            <InputNumber decimalSeparator="," min={0} style={{ width: '100%', maxWidth: 240 }} />
          </Form.Item>
          <Form.Item label={`${f.t('Ghi chú')}: ${c.title}`} name={['note', c.id]}>
            <Input />
          </Form.Item>
        </Card>
      ))}
      <ProblemAlert problem={problem} />
      <Button type="primary" htmlType="submit" loading={pending}>
        {f.t('Gửi bản đăng ký')}
      </Button>
    </Form>
  );
}

export function MidYearForm({ cycle, unitId, disabled }: Props) {
  const f = useFmt(cycle.config.timeZone);
  const [form] = Form.useForm();
  const accepted = useLatestVersion(form, cycle, unitId, 'mid-year-report');
  const criteria = allCriteria(cycle);
  const ids = criteria.map((c) => c.id);
  let sent: string[] = [];
  const { submit, problem, pending } = useFormCommand<{
    actual?: Record<string, number>;
    note?: Record<string, string>;
    summary?: string;
  }>(
    form,
    (v) => {
      sent = filled(ids, v.actual);
      return unwrap(
        api.PUT('/api/v1/cycles/{cycleId}/units/{unitId}/mid-year-report', {
          params: { path: { cycleId: cycle.cycleId, unitId } },
          body: {
            progress: sent.map((id) => ({
              criterionId: id,
              actual: v.actual![id]!,
              ...(v.note?.[id] ? { note: v.note[id] } : {}),
            })),
            ...(v.summary ? { summary: v.summary } : {}),
          },
        }),
      );
    },
    { toName: (p) => (p[0] === 'summary' ? ['summary'] : byCriterion(sent, { actual: 'actual', note: 'note' })(p)) },
  );
  return (
    <Form form={form} layout="vertical" name="midYear" onFinish={submit} disabled={disabled || accepted}>
      {criteria.map((c) => (
        <Card size="small" key={c.id} className="section">
          <Form.Item label={`${f.t('Thực hiện')}: ${c.title}${c.unit ? ` (${c.unit})` : ''}`} name={['actual', c.id]}>
            <InputNumber decimalSeparator="," min={0} style={{ width: '100%', maxWidth: 240 }} />
          </Form.Item>
          <Form.Item label={`${f.t('Ghi chú')}: ${c.title}`} name={['note', c.id]}>
            <Input />
          </Form.Item>
        </Card>
      ))}
      <Form.Item label={f.t('Tóm tắt sơ kết')} name="summary">
        <Input.TextArea rows={3} />
      </Form.Item>
      <ProblemAlert problem={problem} />
      <Button type="primary" htmlType="submit" loading={pending}>
        {f.t('Gửi báo cáo sơ kết')}
      </Button>
    </Form>
  );
}

export function SelfAssessmentForm({ cycle, unitId, disabled }: Props) {
  const f = useFmt(cycle.config.timeZone);
  const [form] = Form.useForm();
  const accepted = useLatestVersion(form, cycle, unitId, 'self-assessment');
  const { groups, bonus, penalty } = cycle.config.criteria;
  const ordered = [...groups.flatMap((g) => g.criteria), ...bonus, ...penalty];
  const ids = ordered.map((c) => c.id);
  let sent: string[] = [];
  const byId = new Map(ordered.map((c) => [c.id, c]));
  const { submit, problem, pending } = useFormCommand<{
    points?: Record<string, number>;
    actual?: Record<string, number>;
    target?: Record<string, number>;
    evidence?: Record<string, string>;
  }>(
    form,
    (v) => {
      // A criterion with a formula takes its year-end figure (its points are derived); the others their points.
      sent = ids.filter((id) => {
        const value = byId.get(id)?.formula ? v.actual?.[id] : v.points?.[id];
        return value !== undefined && value !== null;
      });
      return unwrap(
        api.PUT('/api/v1/cycles/{cycleId}/units/{unitId}/self-assessment', {
          params: { path: { cycleId: cycle.cycleId, unitId } },
          body: {
            scores: sent.map((id) => {
              const c = byId.get(id)!;
              const target = v.target?.[id];
              return {
                criterionId: id,
                ...(c.formula
                  ? {
                      actual: v.actual![id]!,
                      ...(c.unit !== undefined ? { unit: c.unit } : {}),
                      ...(target !== undefined && target !== null ? { target } : {}),
                    }
                  : { points: v.points![id]! }),
                ...(v.evidence?.[id] ? { evidence: v.evidence[id] } : {}),
              };
            }) as never,
          },
        }),
      );
    },
    {
      toName: byCriterion(sent, {
        points: 'points',
        actual: 'actual',
        unit: 'actual',
        target: 'target',
        evidence: 'evidence',
      }),
    },
  );
  const measure = (c: Criterion) => (c.unit ? ` (${c.unit})` : '');
  const row = (c: Criterion, kind: string) => (
    <Card size="small" key={c.id} className="section">
      {c.formula ? (
        <>
          <Form.Item
            label={`${f.t('Số liệu thực hiện')}: ${c.title}${measure(c)}`}
            name={['actual', c.id]}
            extra={f.t('Điểm được tính từ số liệu (tối đa {max})', { max: f.points(c.maxPoints) })}
          >
            <InputNumber decimalSeparator="," min={0} style={{ width: '100%', maxWidth: 240 }} />
          </Form.Item>
          <Form.Item label={`${f.t('Chỉ tiêu (nếu chưa đăng ký)')}: ${c.title}${measure(c)}`} name={['target', c.id]}>
            <InputNumber decimalSeparator="," min={0} style={{ width: '100%', maxWidth: 240 }} />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          label={`${kind}${c.title} (${f.t('tối đa')} ${f.points(c.maxPoints)})`}
          name={['points', c.id]}
          rules={[
            {
              type: 'number',
              max: c.maxPoints,
              min: 0,
              message: f.t('Điểm từ 0 đến {max}', { max: f.points(c.maxPoints) }),
            },
          ]}
        >
          <InputNumber decimalSeparator="," min={0} max={c.maxPoints} style={{ width: '100%', maxWidth: 240 }} />
        </Form.Item>
      )}
      <Form.Item label={`${f.t('Minh chứng')}: ${c.title}`} name={['evidence', c.id]}>
        <Input />
      </Form.Item>
    </Card>
  );
  return (
    <Form form={form} layout="vertical" name="selfAssessment" onFinish={submit} disabled={disabled || accepted}>
      {groups.map((g) => (
        <section key={g.id}>
          <Typography.Title level={3} className="card-title">
            {g.title}
          </Typography.Title>
          {g.criteria.map((c) => row(c, ''))}
        </section>
      ))}
      {bonus.length > 0 && (
        <Typography.Title level={3} className="card-title">
          {f.t('Điểm thưởng')}
        </Typography.Title>
      )}
      {bonus.map((c) => row(c, `${f.t('Điểm thưởng')}: `))}
      {penalty.length > 0 && (
        <Typography.Title level={3} className="card-title">
          {f.t('Điểm trừ')}
        </Typography.Title>
      )}
      {penalty.map((c) => row(c, `${f.t('Điểm trừ')}: `))}
      <ProblemAlert problem={problem} />
      <Button type="primary" htmlType="submit" loading={pending}>
        {f.t('Gửi bản tự chấm điểm')}
      </Button>
    </Form>
  );
}
