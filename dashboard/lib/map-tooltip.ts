// The district map's tooltip. ECharts inserts a formatter's string as HTML, so every part of it
// (the agency's name from the source system, the metric's label, the figure, the level) is escaped
// here. The level is written out so that colour is never the only carrier of the meaning.
import { escapeHtml } from './html';

export function districtTooltip(district: { name: string; display: string; level?: string }, metricLabel: string): string {
  const level = district.level ? `<br/>${escapeHtml(district.level)}` : '';
  return `${escapeHtml(district.name)}<br/>${escapeHtml(metricLabel)}: ${escapeHtml(district.display)}${level}`;
}
