import type { components } from '@newsroom/api-client';

type CorrectionNotice = components['schemas']['CorrectionNotice'];

/**
 * The public notices grouped by the revision that published them. The revision timeline carries no
 * notices, but the latest article holds every notice ever published (they are never removed), so
 * the History screen's one read of the article is enough to show each entry's notice.
 */
export function noticesByRevision(corrections: readonly CorrectionNotice[]): Map<number, CorrectionNotice[]> {
  const byRevision = new Map<number, CorrectionNotice[]>();
  for (const notice of corrections) {
    byRevision.set(notice.revision, [...(byRevision.get(notice.revision) ?? []), notice]);
  }
  return byRevision;
}
