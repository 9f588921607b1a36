/** How the documents state a vote's rules and results. */
import type { CandidateResult } from '#domain';
import type { VoteFacts } from './cycle-facts.js';
import { percentOf, points } from './vietnamese-format.js';

/** The approval share the pass threshold is measured on: of ballots cast, or of every member. */
export function approvalPercent(result: CandidateResult, vote: Pick<VoteFacts, 'rules' | 'members'>): string {
  const base = vote.rules.of === 'members' ? vote.members : result.approve + result.reject;
  return base === 0 ? '0%' : `${points(Math.round((result.approve / base) * 10_000) / 100)}%`;
}

/** The rules fixed when the vote opened, as sentences of the minutes. */
export function voteRulesText(vote: Pick<VoteFacts, 'rules' | 'members'>): string[] {
  const of = vote.rules.of === 'members' ? 'tổng số đơn vị thành viên' : 'số phiếu hợp lệ';
  return [
    `Số đơn vị tham gia tối thiểu (túc số): ${percentOf(vote.rules.quorum)} tổng số ${vote.members} đơn vị thành viên.`,
    `Ngưỡng thông qua: đạt từ ${percentOf(vote.rules.passThreshold)} ${of} tán thành trở lên.`,
    'Hình thức: bỏ phiếu kín; mỗi đơn vị thành viên một phiếu; phiếu của từng đơn vị không được công khai.',
  ];
}
