'use client';
// Choropleth of Hanoi's districts (before 2025-07-01) for one KPI; a click opens the district's page.
// Each district comes with its colour already chosen on the server from the fixed scale the legend
// and the commune tiles share (lib/scales.ts), so the map has no scale of its own.
import { useEffect, useRef } from 'react';
import { escapeHtml } from '@/lib/html';
import { districtTooltip } from '@/lib/map-tooltip';

export interface DistrictValue { adminCode: string; name: string; value: number | null; display: string; href: string; fill: string; level: string }

interface MapChart { setOption(o: unknown): void; resize(): void; dispose(): void; on(event: string, handler: (p: { name?: string }) => void): void }

/** `noData` colours a district the breakdown has no row for (the legend's "no data" swatch). */
export function DistrictMap({ districts, metricLabel, label, noData }: { districts: DistrictValue[]; metricLabel: string; label: string; noData: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: MapChart | undefined;
    const observer = new ResizeObserver(() => chart?.resize());
    void Promise.all([import('echarts'), fetch('/ban-do/quan-huyen-2022').then((r) => r.json())]).then(([echarts, outlines]) => {
      if (disposed || !ref.current) return;
      echarts.registerMap('hanoi-2022', outlines);
      chart = echarts.init(ref.current, undefined, { renderer: 'svg' }) as unknown as MapChart;
      const byCode = new Map(districts.map((d) => [d.adminCode, d]));
      chart.setOption({
        animation: false,
        // ECharts puts the formatter's string in the page as HTML: names are escaped (lib/map-tooltip).
        tooltip: { trigger: 'item', className: 'chart-tooltip', formatter: (p: { name: string }) => { const d = byCode.get(p.name); return d ? districtTooltip(d, metricLabel) : escapeHtml(p.name); } },
        series: [{
          type: 'map', map: 'hanoi-2022', nameProperty: 'code', roam: false,
          label: { show: false },
          itemStyle: { areaColor: noData, borderColor: '#ffffff', borderWidth: 1 },
          // A label is drawn as SVG text (a text node), not HTML: the name needs no escaping there.
          // The hovered district keeps its colour (a highlight colour would read as a level); its name
          // sits on white, readable on every fill.
          emphasis: { itemStyle: { borderColor: '#111111', borderWidth: 2 }, label: { show: true, color: '#111111', backgroundColor: 'rgba(255,255,255,0.9)', padding: [2, 4], borderRadius: 3, formatter: (p: { name: string }) => byCode.get(p.name)?.name.replace(/^UBND /, '') ?? '' } },
          data: districts.map((d) => ({ name: d.adminCode, value: d.value, itemStyle: { areaColor: d.fill }, emphasis: { itemStyle: { areaColor: d.fill } } })),
        }],
      });
      chart.on('click', (p) => { const d = p.name ? byCode.get(p.name) : undefined; if (d) window.location.href = d.href; });
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer.disconnect();
      chart?.dispose();
    };
  }, [districts, metricLabel, noData]);
  return <div ref={ref} role="img" aria-label={label} className="map" style={{ width: '100%', height: 520 }} />;
}
