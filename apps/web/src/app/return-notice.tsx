/**
 * A submission or a dossier sent back: by whom (role), when (the cycle's local time), why, and until when to correct
 * it.
 */
import { Alert } from 'antd';
import type { ReturnNote } from '../api/views';
import { useFmt } from './fmt';

export function ReturnNotice({ note, title, timeZone }: { note: ReturnNote; title: string; timeZone: string }) {
  const f = useFmt(timeZone);
  return (
    <Alert
      type="warning"
      showIcon
      className="section return-notice"
      title={title}
      description={
        <>
          <div>{f.t('{role} trả lại lúc {at}.', { role: f.role(note.role), at: f.at(note.at) })}</div>
          <div className="return-reason">
            <strong>{f.t('Lý do')}:</strong> {note.reason}
          </div>
          {note.correctByAt && <div>{f.t('Chỉnh sửa và nộp lại trước {at}.', { at: f.at(note.correctByAt) })}</div>}
        </>
      }
    />
  );
}
