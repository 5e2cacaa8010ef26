// The outlines of Hanoi's 30 districts (before 2025-07-01) for the map, from the repository's
// reference data (data/reference/hanoi, provenance there). Served apart so the page paints first.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const dynamic = 'force-static';

export async function GET(): Promise<Response> {
  const file = path.join(process.cwd(), '..', 'data', 'reference', 'hanoi', 'hanoi_districts_2022.geojson');
  return new Response(await readFile(file), {
    headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=86400' },
  });
}
