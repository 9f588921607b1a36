import type { KeyedProjection } from '../runner/keyed-projection.js';

/**
 * The attachments each cycle references, by sha256: a self-assessment's evidence and the
 * nomination dossier. Whoever may see one of these cycles may download the file.
 */
export const attachmentReferencesProjection: KeyedProjection<string[]> = {
  name: 'attachment-references',
  version: 1,
  keyOf: (event) => {
    if (event.type !== 'SelfAssessmentSubmitted' && event.type !== 'NominationsSubmitted') return undefined;
    const cycleId = (event.data as { cycleId?: unknown }).cycleId;
    return typeof cycleId === 'string' && referencedBy(event.type, event.data).length > 0 ? cycleId : undefined;
  },
  apply: (known, event) => {
    const added = referencedBy(event.type, event.data).filter((sha) => !known?.includes(sha));
    return added.length === 0 && known ? known : [...(known ?? []), ...added];
  },
};

function referencedBy(type: string, data: unknown): string[] {
  if (type === 'SelfAssessmentSubmitted') {
    const scores = (data as { scores?: { attachments?: string[] }[] }).scores ?? [];
    return [...new Set(scores.flatMap((line) => line.attachments ?? []))];
  }
  const dossier = (data as { dossier?: { sha256?: string }[] }).dossier ?? [];
  return [...new Set(dossier.flatMap((item) => (item.sha256 ? [item.sha256] : [])))];
}
