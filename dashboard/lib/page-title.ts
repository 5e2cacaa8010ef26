// Every page names itself in the tab and in the history ("Báo cáo định kỳ — Phân tích xử lý văn
// bản"), in the page's language. (The layout's title template would not reach the overview: Next.js
// applies a template to the segments below the layout only.)
import type { Metadata } from 'next';
import { getT } from './i18n';

/** The page's title with the product's name after it; `name` is already in the page's language. */
export async function titled(name: string): Promise<Metadata> {
  return { title: `${name} — ${(await getT()).t('Phân tích xử lý văn bản')}` };
}

/** generateMetadata for a page whose title is a fixed text of lib/i18n.ts. */
export function pageTitle(text: string): () => Promise<Metadata> {
  return async () => titled((await getT()).t(text));
}
