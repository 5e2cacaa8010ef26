'use client';
// Choropleth of Hanoi's districts (before 2025-07-01) for one KPI; a click opens the district's page.
import { useEffect, useRef } from 'react';
import { escapeHtml } from '@/lib/html';
import { districtTooltip } from '@/lib/map-tooltip';

export interface DistrictValue { adminCode: string; name: string; value: number | null; display: string; href: string }

interface MapChart { setOption(o: unknown): void; resize(): void; dispose(): void; on(event: string, handler: (p: { name?: string }) => void): void }

export function DistrictMap({ districts, metricLabel, higherIsBetter, label, scaleText }: { districts: DistrictValue[]; metricLabel: string; higherIsBetter: boolean; label: string; scaleText: [string, string] }) {
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
      const values = districts.map((d) => d.value).filter((v): v is number => v !== null);
      chart.setOption({
        animation: false,
        // ECharts puts the formatter's string in the page as HTML: names are escaped (lib/map-tooltip).
        tooltip: { trigger: 'item', formatter: (p: { name: string }) => { const d = byCode.get(p.name); return d ? districtTooltip(d, metricLabel) : escapeHtml(p.name); } },
        visualMap: {
          min: Math.min(...values, 0), max: Math.max(...values, 1), left: 8, bottom: 8, calculable: true,
          inRange: { color: higherIsBetter ? ['#b3261e', '#e9c46a', '#1e7a46'] : ['#1e7a46', '#e9c46a', '#b3261e'] },
          text: scaleText,
        },
        series: [{
          type: 'map', map: 'hanoi-2022', nameProperty: 'code', roam: false,
          label: { show: false },
          // A label is drawn as SVG text (a text node), not HTML: the name needs no escaping there.
          emphasis: { label: { show: true, formatter: (p: { name: string }) => byCode.get(p.name)?.name.replace(/^UBND /, '') ?? '' } },
          data: districts.map((d) => ({ name: d.adminCode, value: d.value })),
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
  }, [districts, metricLabel, higherIsBetter, scaleText]);
  return <div ref={ref} role="img" aria-label={label} className="map" style={{ width: '100%', height: 520 }} />;
}
