/**
 * After the close: the unit checks by its receipt that its ballot was in the count. The answer is
 * counted or not, nothing of the choices (receipt-freeness: a receipt proves nothing to a third party).
 */
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { toProblem } from '../../api/problem';
import { useReceiptCheck } from '../../api/queries';
import type { CycleStatus } from '../../api/views';
import { useFmt } from '../../app/fmt';
import { ProblemAlert } from '../../app/problems';

/** What the server takes as a receipt (GET …/vote/receipts/{receipt}). */
const RECEIPT = /^[A-Za-z0-9_-]{8,128}$/;

export function ReceiptCheckForm({ cycle, initialReceipt }: { cycle: CycleStatus; initialReceipt?: string }) {
  const f = useFmt(cycle.config.timeZone);
  const [asked, setAsked] = useState<string>();
  const check = useReceiptCheck(cycle.cycleId, asked);
  return (
    <Form
      layout="vertical"
      name="receiptCheck"
      initialValues={{ receipt: initialReceipt ?? '' }}
      onFinish={(v: { receipt: string }) => setAsked(v.receipt.trim())}
      style={{ maxWidth: 640 }}
    >
      <h4>{f.t('Kiểm tra phiếu bằng biên nhận')}</h4>
      <Form.Item
        label={f.t('Mã biên nhận')}
        name="receipt"
        extra={f.t(
          'Mã biên nhận được cấp khi đơn vị bỏ phiếu. Kết quả chỉ cho biết phiếu đã được kiểm hay chưa, không cho biết nội dung phiếu.',
        )}
        normalize={(v: string) => v.trim()}
        rules={[
          { required: true, message: f.t('Không được để trống') },
          { pattern: RECEIPT, message: f.t('Mã biên nhận gồm 8 đến 128 ký tự: chữ cái, chữ số, dấu - hoặc _') },
        ]}
      >
        <Input autoComplete="off" spellCheck={false} />
      </Form.Item>
      {/* Loading only while a newly asked receipt is fetched: a background refetch must not rename
          the button ("loading Kiểm tra") or hide the answer already shown. */}
      <Button type="primary" htmlType="submit" loading={check.isLoading} style={{ marginBottom: 12 }}>
        {f.t('Kiểm tra')}
      </Button>
      {check.error && <ProblemAlert problem={toProblem(check.error)} />}
      {check.data && !check.isLoading && (
        <Alert
          role="status"
          showIcon
          type={check.data.counted ? 'success' : 'warning'}
          title={
            check.data.counted
              ? f.t('Phiếu của đơn vị đã được kiểm')
              : f.t('Không tìm thấy phiếu mang mã biên nhận này trong kết quả kiểm phiếu')
          }
          description={
            <>
              <div>
                {check.data.counted
                  ? f.t('Phiếu mang mã biên nhận đã nhập có trong kết quả kiểm phiếu vòng {n}.', {
                      n: check.data.round,
                    })
                  : f.t('Đề nghị kiểm tra lại mã; nếu mã đúng, báo ngay cho trưởng cụm.')}
              </div>
              <div>
                {f.t('Mã đã kiểm tra:')}{' '}
                <Typography.Text code className="receipt">
                  {check.data.receipt}
                </Typography.Text>
              </div>
            </>
          }
        />
      )}
    </Form>
  );
}
