/** The signed-in person's in-app notifications (GET /me/notifications): the unit officer's and the cluster leader's. */
import { Card } from 'antd';
import { useInbox } from '../api/queries';
import { useFmt } from './fmt';
import { DataTable } from './scroll-table';

export function InboxCard() {
  const f = useFmt();
  const inbox = useInbox();
  return (
    <Card title={<h3 className="card-title">{f.t('Thông báo')}</h3>} size="small" data-testid="inbox">
      <DataTable
        size="small"
        rowKey="notificationId"
        loading={inbox.isPending}
        pagination={{ pageSize: 5 }}
        dataSource={inbox.data ?? []}
        locale={{ emptyText: f.t('Chưa có thông báo') }}
        columns={[
          { title: f.t('Lúc'), key: 'at', render: (_, r) => f.at(r.sentAt) },
          {
            title: f.t('Loại'),
            key: 'kind',
            render: (_, r) => (r.kind === 'reminder' ? f.t('Nhắc hạn') : f.t('Quá hạn')),
          },
          {
            title: f.t('Nội dung'),
            key: 'text',
            render: (_, r) => (
              <>
                <strong>{r.subject}</strong>
                <div>{r.message}</div>
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
