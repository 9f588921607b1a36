/**
 * The cycle's documents as download links (GET /cycles/{id}/exports/…). A plain same-origin link
 * carries the session cookie, and the answer's Content-Disposition names the file, so the browser
 * saves it without any script. Only the documents the cycle has yet are offered: the minutes once
 * the vote has closed, the submission letter once the nominations were submitted. The server lets
 * auditors, the province and the cycle's leaders take them (apps/api/src/documents/document-access.ts).
 */
import { Button, Card, Space } from 'antd';
import { seenPosition } from '../api/client';
import type { CycleStatus } from '../api/views';
import { useFmt } from './fmt';

export type DocumentFile =
  'standings.xlsx' | 'standings.pdf' | 'minutes.docx' | 'submission-letter.docx' | 'audit-trail.xlsx';

/** A moment or a log position the documents stand for (the auditor's view back in time). */
export type DocumentsAt = { asOf?: string; atPosition?: number };

/** The address of a document: the page's own writes first (minPosition), then the moment asked. */
export function documentUrl(cycleId: string, file: DocumentFile, at: DocumentsAt = {}): string {
  const query = new URLSearchParams();
  if (seenPosition() > 0) query.set('minPosition', String(seenPosition()));
  if (at.asOf !== undefined) query.set('asOf', at.asOf);
  if (at.atPosition !== undefined) query.set('atPosition', String(at.atPosition));
  const qs = query.toString();
  return `/api/v1/cycles/${encodeURIComponent(cycleId)}/exports/${file}${qs ? `?${qs}` : ''}`;
}

export function DocumentLinks(props: {
  cycle: CycleStatus;
  at?: DocumentsAt;
  files?: DocumentFile[];
  /** Said after each link's visible text in its accessible name (e.g. which moment it stands for). */
  nameSuffix?: string;
}) {
  const { cycle, at, nameSuffix } = props;
  const f = useFmt(cycle.config.timeZone);
  const all: { file: DocumentFile; label: string; ready: boolean }[] = [
    { file: 'standings.xlsx', label: f.t('Tải bảng xếp hạng (Excel)'), ready: true },
    { file: 'standings.pdf', label: f.t('Tải bảng xếp hạng (PDF)'), ready: true },
    { file: 'minutes.docx', label: f.t('Tải biên bản họp (Word)'), ready: cycle.vote.status === 'closed' },
    {
      file: 'submission-letter.docx',
      label: f.t('Tải tờ trình đề nghị khen thưởng (Word)'),
      ready: cycle.nominations.status !== 'none',
    },
    { file: 'audit-trail.xlsx', label: f.t('Tải nhật ký thao tác (Excel)'), ready: true },
  ];
  const shown = all.filter((d) => d.ready && (!props.files || props.files.includes(d.file)));
  return (
    <Space wrap className="document-links">
      {shown.map((d) => (
        <Button
          key={d.file}
          href={documentUrl(cycle.cycleId, d.file, at)}
          download
          aria-label={nameSuffix ? `${d.label} ${nameSuffix}` : undefined}
        >
          {d.label}
        </Button>
      ))}
    </Space>
  );
}

/** The documents of the cycle as they are now, in a card of their own. */
export function DocumentsCard({ cycle }: { cycle: CycleStatus }) {
  const f = useFmt(cycle.config.timeZone);
  return (
    <Card title={<h3 className="card-title">{f.t('Tài liệu của đợt thi đua')}</h3>} size="small">
      <DocumentLinks cycle={cycle} />
    </Card>
  );
}
