// Text put into HTML that the portal builds as a string (ECharts tooltips take HTML): agency names
// and labels come from the source system over CDC, so they are text, never markup.
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => entities[c]!);
}
