// Every agency a leader may look for or filter by: today's tree and the agencies that ended before
// today (dissolved districts, merged communes still hold open documents), each marked. The API gives
// the tree of one day; the ended agencies are found in the trees of the days before today's
// agencies began (the day before a reorganisation), so no date is written here.
import { cache } from 'react';
import { fetchTree, type AgencyNode } from './api';

export interface AgencyEntry {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  /** Ended before today (dissolved, merged): its last day. */
  ended: boolean;
  valid_to: string | null;
}

/** How many earlier days are read at most: the latest reorganisations are what leaders look for. */
const earlierDaysRead = 4;

const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Today's agencies first, then the ended ones of the earlier trees (each code once, its latest form).
 * Read once per request (React's `cache`): a page's title and its body both look agencies up in it.
 */
export const agencyIndex = cache(async (today: string): Promise<AgencyEntry[]> => {
  const current = (await fetchTree(today)).agencies;
  const starts = [...new Set(current.map((a) => a.valid_from))].filter((d) => d < today).sort().reverse().slice(0, earlierDaysRead);
  const earlier = await Promise.all(starts.map((d) => fetchTree(dayBefore(d)).then((tree) => tree.agencies)));
  const seen = new Map<string, AgencyEntry>();
  const add = (node: AgencyNode) => {
    if (seen.has(node.code)) return;
    seen.set(node.code, { code: node.code, name: node.name, kind: node.kind, parent_code: node.parent_code, valid_to: node.valid_to, ended: node.valid_to !== null && node.valid_to < today });
  };
  current.forEach(add);
  earlier.flat().forEach(add);
  return [...seen.values()];
});

/** The agencies under `root` at any depth (in any of the trees read), `root` excluded, in the index's order. */
export function subtreeOf(agencies: AgencyEntry[], root: string): AgencyEntry[] {
  const children = new Map<string, AgencyEntry[]>();
  for (const a of agencies) if (a.parent_code) children.set(a.parent_code, [...(children.get(a.parent_code) ?? []), a]);
  const inside: AgencyEntry[] = [];
  const visit = (code: string, seen: Set<string>) => {
    for (const child of children.get(code) ?? []) {
      if (seen.has(child.code)) continue;
      seen.add(child.code);
      inside.push(child);
      visit(child.code, seen);
    }
  };
  visit(root, new Set([root]));
  return inside;
}
