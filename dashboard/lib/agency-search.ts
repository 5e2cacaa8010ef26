// Finding an agency by name as people type it: with or without diacritics ("phuc xa" finds
// "Phúc Xá"), đ typed as d, any case and spacing, words in any order.
import type { AgencyEntry } from './agency-index';

/**
 * The name with its tones and vowel marks removed and đ as d, lower case, single spaces. Decomposing
 * (NFD) splits "ú" into "u" and a combining mark; đ has no decomposition, so it is mapped by hand.
 */
export function foldVietnamese(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface AgencyMatch { agency: AgencyEntry; parent: AgencyEntry | undefined }

/** How well a name answers the query: 0 the whole name, 1 its start, 2 a word's start, 3 elsewhere. */
function closeness(name: string, query: string): number {
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  return name.includes(` ${query}`) ? 2 : 3;
}

/**
 * The agencies whose name holds every word of the query (or whose code starts with it), the closest
 * first, agencies that still exist before the ended ones, then by name.
 */
export function findAgencies(agencies: AgencyEntry[], query: string, limit = 50): { total: number; matches: AgencyMatch[] } {
  const wanted = foldVietnamese(query);
  if (wanted === '') return { total: 0, matches: [] };
  const words = wanted.split(' ');
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const found = agencies
    .map((agency) => ({ agency, folded: foldVietnamese(agency.name) }))
    .filter(({ agency, folded }) => words.every((word) => folded.includes(word)) || agency.code.toLowerCase().startsWith(wanted))
    .sort((a, b) => closeness(a.folded, wanted) - closeness(b.folded, wanted)
      || Number(a.agency.ended) - Number(b.agency.ended)
      || a.agency.name.localeCompare(b.agency.name, 'vi'));
  return {
    total: found.length,
    matches: found.slice(0, limit).map(({ agency }) => ({ agency, parent: agency.parent_code ? byCode.get(agency.parent_code) : undefined })),
  };
}
