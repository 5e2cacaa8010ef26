// The district map's tooltip. ECharts inserts a formatter's string as HTML, so every part of it
// (the agency's name from the source system, the metric's label, the figure) is escaped here.
import { escapeHtml } from './html';

export function districtTooltip(district: { name: string; display: string }, metricLabel: string): string {
  return `${escapeHtml(district.name)}<br/>${escapeHtml(metricLabel)}: ${escapeHtml(district.display)}`;
}
