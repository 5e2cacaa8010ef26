// Where the agency stands in the 2025 reorganisation, by name: what it was formed from or took in,
// what it merged into, and whose documents its figures include when counted as the structure is now.
import type { AgencyNode } from '@/lib/api';
import { fetchTree } from '@/lib/api';
import { portalToday } from '@/lib/config';
import { getT } from '@/lib/i18n';

/** The last day of the structure before the reform of 2025-07-01: the agencies that ended with it. */
const lastDayBeforeReform = '2025-06-30';

export async function SuccessionSection({ node, tree, query }: { node: AgencyNode; tree: AgencyNode[]; query: string }) {
  const codes = [...node.predecessors, ...node.successors, ...node.absorbed];
  if (codes.length === 0) return null;
  const { t } = await getT();
  // Names of agencies that no longer exist (or did not yet) on the page's first day.
  const known = new Map(tree.map((a) => [a.code, a]));
  if (codes.some((code) => !known.has(code))) {
    // The structures of the reform's eve, of today and of each 1 January of the last four years: an
    // agency merged away lived through at least one of them.
    const year = Number(portalToday().slice(0, 4));
    const days = [lastDayBeforeReform, portalToday(), ...[1, 2, 3, 4].map((back) => `${year - back + 1}-01-01`)];
    const others = await Promise.all(days.map((day) => fetchTree(day))).catch(() => []);
    for (const agency of others.flatMap((answer) => answer.agencies)) if (!known.has(agency.code)) known.set(agency.code, agency);
  }
  // An agency newer than its predecessors was formed from them; one as old (the City taking in a
  // dissolved department) received them.
  const formed = node.predecessors.every((code) => { const p = known.get(code); return p !== undefined && node.valid_from > p.valid_from; });
  const list = (label: string, of: string[]) => (of.length === 0 ? null : (
    <p>
      {label}:{' '}
      {of.map((code, i) => <span key={code}>{i > 0 ? ', ' : ''}<a href={`/co-quan/${encodeURIComponent(code)}${query}`}>{known.get(code)?.name ?? code}</a></span>)}
    </p>
  ));
  return (
    <section className="chart" aria-labelledby="succession-title" data-testid="succession">
      <h2 id="succession-title">{t('Sắp xếp tổ chức năm 2025')}</h2>
      {list(formed ? t('Hình thành từ') : t('Tiếp nhận từ cơ quan đã giải thể, sáp nhập'), node.predecessors)}
      {list(t('Đã sáp nhập vào'), node.successors)}
      {list(t('Số liệu theo cơ cấu hiện nay gồm cả'), node.absorbed)}
    </section>
  );
}
