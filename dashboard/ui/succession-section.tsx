// Where the agency stands in the 2025 reorganisation, by name: what it was formed from or took in,
// what it merged into, and whose documents its figures include when counted as the structure is now.
import type { AgencyNode } from '@/lib/api';
import { agencyIndex } from '@/lib/agency-index';
import { portalToday } from '@/lib/config';
import { getT } from '@/lib/i18n';

export async function SuccessionSection({ node, tree, query }: { node: AgencyNode; tree: AgencyNode[]; query: string }) {
  const codes = [...node.predecessors, ...node.successors, ...node.absorbed];
  if (codes.length === 0) return null;
  const { t } = await getT();
  // Names of agencies that no longer exist (or did not yet) on the page's first day: the index the
  // search and the filters use, of today's agencies and the ones that ended before them.
  const known = new Map<string, { name: string; valid_to: string | null }>(tree.map((a) => [a.code, a]));
  if (codes.some((code) => !known.has(code))) {
    const index = await agencyIndex(portalToday()).catch(() => []);
    for (const agency of index) if (!known.has(agency.code)) known.set(agency.code, agency);
  }
  // An agency that began when its predecessors ended was formed from them; one older than that (the
  // City taking in a dissolved department) received them.
  const formed = node.predecessors.every((code) => { const p = known.get(code); return p !== undefined && p.valid_to !== null && p.valid_to <= node.valid_from; });
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
