/**
 * A past year recorded from paper takes only commands recorded the same way (with the paper
 * document they come from), never a click on a page: its pages are for reading. Under this guard
 * every `ActionButton` is left out and a notice says why.
 */
import { Alert } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import type { CycleStatus } from '../api/views';
import { useLang } from '../i18n/lang';

const ReadOnlyCycle = createContext(false);

/** True under a cycle recorded from paper: commands are not offered. */
export function useReadOnlyCycle(): boolean {
  return useContext(ReadOnlyCycle);
}

export function PaperCycleGuard({ cycle, children }: { cycle: CycleStatus; children: ReactNode }) {
  const { t } = useLang();
  const paper = cycle.config.recordedFromPaper;
  if (!paper) return <>{children}</>;
  return (
    <ReadOnlyCycle.Provider value>
      <Alert
        className="section"
        type="info"
        showIcon
        title={t('Đợt thi đua ghi nhận lại từ hồ sơ giấy: chỉ để xem')}
        description={`${t('Căn cứ')}: ${paper.source}`}
      />
      {children}
    </ReadOnlyCycle.Provider>
  );
}
