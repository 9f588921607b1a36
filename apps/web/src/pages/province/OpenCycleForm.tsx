/**
 * Opening a đợt thi đua, section by section: roster, leader and deputy, criteria table with groups,
 * bonus and penalty, awards and quotas, vote rules, schedule, reminders. Field names follow the
 * API's body, so a problem's `criteria.groups.0.criteria.1.maxPoints` lands on that very input.
 */
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import type { Me } from '../../api/views';
import { useFmt } from '../../app/fmt';
import { pickerPlaceholder } from '../../app/picker-placeholder';
import { ProblemAlert, useFormCommand } from '../../app/problems';
import { SCHEDULE, toOpenCycleBody, type Values } from './open-cycle-body';

export function OpenCycleForm({ me, onOpened }: { me: Me; onOpened(cycleId: string): void }) {
  const f = useFmt();
  const [form] = Form.useForm<Values>();
  const units = Form.useWatch('units', form) ?? [];
  const unitOptions = units.filter((u) => u?.id).map((u) => ({ value: u.id, label: u.name || u.id }));
  const { submit, problem, pending } = useFormCommand<Values>(
    form,
    (v) => unwrap(api.POST('/api/v1/cycles', { body: toOpenCycleBody(v) as never })),
    { onDone: (a) => a.cycleId && onOpened(a.cycleId) },
  );
  const required = [{ required: true, message: f.t('Không được để trống') }];
  return (
    <Form
      form={form}
      layout="vertical"
      name="openCycle"
      onFinish={submit}
      initialValues={{
        provinceId: me.provinceId,
        year: new Date().getFullYear(),
        timeZone: 'Asia/Ho_Chi_Minh',
        units: [{ id: '', name: '' }],
        criteria: {
          groups: [{ id: '', title: '', criteria: [{ id: '', title: '', kind: 'qualitative' }] }],
          bonus: [],
          penalty: [],
        },
        awards: [
          { kind: 'emulation-flag', quota: 1 },
          { kind: 'certificate-of-merit', quota: 2 },
        ],
        voteRules: { quorum: '2/3', passThreshold: 0.7, of: 'ballots-cast' },
        reminders: '7, 3, 1',
        at: '08:00',
      }}
    >
      <Card size="small" className="section" title={<h3 className="card-title">1. {f.t('Thông tin chung')}</h3>}>
        <Space wrap align="start">
          <Form.Item label={f.t('Mã cụm')} name="clusterId" rules={required}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label={f.t('Tên cụm')} name="clusterName" rules={required}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item label={f.t('Mã tỉnh')} name="provinceId" rules={required}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={f.t('Năm')} name="year" rules={required}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item label={f.t('Múi giờ')} name="timeZone">
            <Select
              style={{ width: 220 }}
              options={[{ value: 'Asia/Ho_Chi_Minh', label: f.t('Giờ Việt Nam (UTC+7)') }]}
            />
          </Form.Item>
        </Space>
      </Card>

      <Card size="small" className="section" title={<h3 className="card-title">2. {f.t('Đơn vị thành viên')}</h3>}>
        <Form.List name="units">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, i) => (
                <Space key={row.key} wrap align="start">
                  <Form.Item label={`${f.t('Mã đơn vị')} ${i + 1}`} name={[row.name, 'id']} rules={required}>
                    <Input style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item label={`${f.t('Tên đơn vị')} ${i + 1}`} name={[row.name, 'name']} rules={required}>
                    <Input style={{ width: 260 }} />
                  </Form.Item>
                  <Button
                    onClick={() => remove(row.name)}
                    style={{ marginTop: 30 }}
                    aria-label={`${f.t('Bỏ đơn vị')} ${i + 1}`}
                  >
                    {f.t('Bỏ')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ id: '', name: '' })}>{f.t('Thêm đơn vị')}</Button>
            </>
          )}
        </Form.List>
        <Space wrap style={{ marginTop: 16 }}>
          <Form.Item label={f.t('Đơn vị trưởng cụm')} name="leaderUnitId" rules={required}>
            <Select style={{ width: 240 }} options={unitOptions} />
          </Form.Item>
          <Form.Item label={f.t('Đơn vị phó cụm')} name="deputyUnitId">
            <Select allowClear style={{ width: 240 }} options={unitOptions} />
          </Form.Item>
        </Space>
      </Card>

      <Card size="small" className="section" title={<h3 className="card-title">3. {f.t('Bảng tiêu chí')}</h3>}>
        <Form.List name={['criteria', 'groups']}>
          {(groups, { add, remove }) => (
            <>
              {groups.map((g, gi) => (
                <Card
                  size="small"
                  key={g.key}
                  className="section"
                  title={`${f.t('Nhóm')} ${gi + 1}`}
                  extra={
                    <Button size="small" onClick={() => remove(g.name)}>
                      {f.t('Bỏ nhóm')} {gi + 1}
                    </Button>
                  }
                >
                  <Space wrap align="start">
                    <Form.Item label={`${f.t('Mã nhóm')} ${gi + 1}`} name={[g.name, 'id']} rules={required}>
                      <Input style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item label={`${f.t('Tên nhóm')} ${gi + 1}`} name={[g.name, 'title']} rules={required}>
                      <Input style={{ width: 360 }} />
                    </Form.Item>
                  </Space>
                  <Form.List name={[g.name, 'criteria']}>
                    {(rows, ops) => (
                      <>
                        {rows.map((row, ci) => {
                          const n = `${gi + 1}.${ci + 1}`;
                          return (
                            <Space key={row.key} wrap align="start">
                              <Form.Item label={`${f.t('Mã tiêu chí')} ${n}`} name={[row.name, 'id']} rules={required}>
                                <Input style={{ width: 100 }} />
                              </Form.Item>
                              <Form.Item
                                label={`${f.t('Tên tiêu chí')} ${n}`}
                                name={[row.name, 'title']}
                                rules={required}
                              >
                                <Input style={{ width: 320 }} />
                              </Form.Item>
                              <Form.Item
                                label={`${f.t('Điểm tối đa')} ${n}`}
                                name={[row.name, 'maxPoints']}
                                rules={required}
                              >
                                <InputNumber decimalSeparator="," min={0} style={{ width: 110 }} />
                              </Form.Item>
                              <Form.Item label={`${f.t('Loại')} ${n}`} name={[row.name, 'kind']}>
                                <Select
                                  style={{ width: 150 }}
                                  options={[
                                    { value: 'qualitative', label: f.t('Định tính') },
                                    { value: 'quantitative', label: f.t('Định lượng') },
                                  ]}
                                />
                              </Form.Item>
                              <Form.Item label={`${f.t('Đơn vị đo')} ${n}`} name={[row.name, 'unit']}>
                                <Input style={{ width: 100 }} />
                              </Form.Item>
                              <Form.Item label={`${f.t('Tính điểm từ số liệu')} ${n}`} name={[row.name, 'direction']}>
                                <Select
                                  allowClear
                                  style={{ width: 200 }}
                                  options={[
                                    { value: 'higher-is-better', label: f.t('Càng cao càng tốt') },
                                    { value: 'lower-is-better', label: f.t('Càng thấp càng tốt') },
                                  ]}
                                />
                              </Form.Item>
                              <Form.Item label={`${f.t('Đạt điểm tối đa ở tỷ lệ')} ${n}`} name={[row.name, 'fullAt']}>
                                <InputNumber decimalSeparator="," min={0} style={{ width: 110 }} />
                              </Form.Item>
                              <Button
                                onClick={() => ops.remove(row.name)}
                                style={{ marginTop: 30 }}
                                aria-label={`${f.t('Bỏ tiêu chí')} ${n}`}
                              >
                                {f.t('Bỏ')}
                              </Button>
                            </Space>
                          );
                        })}
                        <Button onClick={() => ops.add({ id: '', title: '', kind: 'qualitative' })}>
                          {f.t('Thêm tiêu chí vào nhóm')} {gi + 1}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button
                onClick={() => add({ id: '', title: '', criteria: [{ id: '', title: '', kind: 'qualitative' }] })}
              >
                {f.t('Thêm nhóm tiêu chí')}
              </Button>
            </>
          )}
        </Form.List>
        {(['bonus', 'penalty'] as const).map((list) => (
          <section key={list} style={{ marginTop: 16 }}>
            <Typography.Title level={4}>{list === 'bonus' ? f.t('Điểm thưởng') : f.t('Điểm trừ')}</Typography.Title>
            <Form.List name={['criteria', list]}>
              {(rows, { add, remove }) => (
                <>
                  {rows.map((row, i) => {
                    const label = `${list === 'bonus' ? f.t('Điểm thưởng') : f.t('Điểm trừ')} ${i + 1}`;
                    return (
                      <Space key={row.key} wrap align="start">
                        <Form.Item label={`${f.t('Mã')} – ${label}`} name={[row.name, 'id']} rules={required}>
                          <Input style={{ width: 100 }} />
                        </Form.Item>
                        <Form.Item label={`${f.t('Nội dung')} – ${label}`} name={[row.name, 'title']} rules={required}>
                          <Input style={{ width: 320 }} />
                        </Form.Item>
                        <Form.Item
                          label={`${f.t('Điểm tối đa')} – ${label}`}
                          name={[row.name, 'maxPoints']}
                          rules={required}
                        >
                          <InputNumber decimalSeparator="," min={0} style={{ width: 110 }} />
                        </Form.Item>
                        <Button onClick={() => remove(row.name)} style={{ marginTop: 30 }}>
                          {f.t('Bỏ')}
                        </Button>
                      </Space>
                    );
                  })}
                  <Button onClick={() => add({ id: '', title: '' })}>
                    {list === 'bonus' ? f.t('Thêm điểm thưởng') : f.t('Thêm điểm trừ')}
                  </Button>
                </>
              )}
            </Form.List>
          </section>
        ))}
      </Card>

      <Card size="small" className="section" title={<h3 className="card-title">4. {f.t('Danh hiệu và chỉ tiêu')}</h3>}>
        <Form.List name="awards">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, i) => (
                <Space key={row.key} wrap align="start">
                  <Form.Item label={`${f.t('Danh hiệu')} ${i + 1}`} name={[row.name, 'kind']} rules={required}>
                    <Select
                      style={{ width: 300 }}
                      options={['emulation-flag', 'certificate-of-merit'].map((k) => ({ value: k, label: f.award(k) }))}
                    />
                  </Form.Item>
                  <Form.Item label={`${f.t('Chỉ tiêu')} ${i + 1}`} name={[row.name, 'quota']} rules={required}>
                    <InputNumber min={0} />
                  </Form.Item>
                  <Button onClick={() => remove(row.name)} style={{ marginTop: 30 }}>
                    {f.t('Bỏ')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ quota: 1 })}>{f.t('Thêm danh hiệu')}</Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" className="section" title={<h3 className="card-title">5. {f.t('Quy tắc bỏ phiếu')}</h3>}>
        <Space wrap align="start">
          <Form.Item
            label={f.t('Số đơn vị tham gia tối thiểu (tỷ lệ, ví dụ 2/3)')}
            name={['voteRules', 'quorum']}
            rules={required}
          >
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            label={f.t('Tỷ lệ tán thành để đạt (ví dụ 0,7)')}
            name={['voteRules', 'passThreshold']}
            rules={required}
          >
            <InputNumber decimalSeparator="," min={0} max={1} step={0.05} />
          </Form.Item>
          <Form.Item label={f.t('Tính trên')} name={['voteRules', 'of']}>
            <Select
              style={{ width: 240 }}
              options={[
                { value: 'ballots-cast', label: f.t('Số phiếu bầu') },
                { value: 'members', label: f.t('Tổng số đơn vị thành viên') },
              ]}
            />
          </Form.Item>
        </Space>
      </Card>

      <Card size="small" className="section" title={<h3 className="card-title">6. {f.t('Lịch và nhắc hạn')}</h3>}>
        <Space wrap align="start">
          {SCHEDULE.map((s) => (
            <Form.Item key={s} label={`${f.t('Hạn')}: ${f.step(s)}`} name={['schedule', s]} rules={required}>
              <DatePicker placeholder={pickerPlaceholder('date', f.lang)} format="DD/MM/YYYY" />
            </Form.Item>
          ))}
        </Space>
        <Space wrap align="start">
          <Form.Item label={f.t('Nhắc trước hạn (số ngày, ví dụ 7, 3, 1)')} name="reminders">
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label={f.t('Giờ nhắc (HH:mm)')} name="at">
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item
            label={f.t('Ngày nghỉ ngoài thứ Bảy, Chủ nhật (không gửi nhắc)')}
            name="holidays"
            extra={f.t('Tết, các ngày lễ trong thời gian của đợt thi đua.')}
          >
            <DatePicker
              placeholder={pickerPlaceholder('date', f.lang)}
              multiple
              format="DD/MM/YYYY"
              style={{ minWidth: 240 }}
              maxTagCount="responsive"
            />
          </Form.Item>
        </Space>
      </Card>
      <ProblemAlert problem={problem} />
      <Button type="primary" htmlType="submit" loading={pending}>
        {f.t('Mở đợt thi đua')}
      </Button>
    </Form>
  );
}
