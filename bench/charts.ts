/**
 * The scale step's curves as images (ECharts' server-side rendering to SVG, no browser): the
 * household search's p95 and the first sync's time against the household count, each point
 * labelled, the targets drawn as dashed lines. Referenced from BENCHMARKS.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as echarts from 'echarts';

export interface ScalePoint {
  households: number;
  documents: number;
  syncSeconds: number;
  searchP95Ms: number;
}

const WIDTH = 720;
const HEIGHT = 400;

function lineChart(title: string, subtitle: string, yName: string, points: [number, number][], targets: { value: number; label: string }[]): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  chart.setOption({
    animation: false,
    backgroundColor: '#fff',
    title: { text: title, subtext: subtitle, left: 'center', textStyle: { fontSize: 15 }, subtextStyle: { fontSize: 11 } },
    grid: { left: 70, right: 40, top: 80, bottom: 60 },
    xAxis: { type: 'value', name: 'households', nameLocation: 'middle', nameGap: 32, min: 0, axisLabel: { formatter: (v: number) => v.toLocaleString('en-US') } },
    yAxis: { type: 'value', name: yName, min: 0 },
    series: [
      {
        type: 'line',
        data: points,
        symbolSize: 8,
        label: { show: true, position: 'top', formatter: (p: { value: [number, number] }) => p.value[1].toFixed(1) },
        markLine: targets.length
          ? { symbol: 'none', lineStyle: { type: 'dashed', color: '#c23531' }, label: { position: 'insideEndTop', formatter: (p: { name: string }) => p.name }, data: targets.map((t) => ({ yAxis: t.value, name: t.label })) }
          : undefined,
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Writes the two charts into `dir`; returns their paths. */
/** `conditions`: how busy the machine was, for the subtitle. */
export function renderScaleCharts(points: readonly ScalePoint[], dir: string, mode: string, conditions: string): string[] {
  mkdirSync(dir, { recursive: true });
  const run = mode === 'full' ? '' : ` (${mode} run)`;
  const largest = points[points.length - 1];
  const subtitle = `npm run bench, ${new Date().toISOString().slice(0, 10)}${largest ? ` · ${largest.households.toLocaleString('en-US')} households = ${largest.documents.toLocaleString('en-US')} documents` : ''} · ${conditions}`;
  const files = [
    {
      name: 'scale-search-p95.svg',
      svg: lineChart(
        `Household search p95 vs households${run}`,
        subtitle,
        'ms',
        points.map((p) => [p.households, p.searchP95Ms]),
        [
          { value: 15, label: '≤ 15 ms at 30k' },
          { value: 30, label: '≤ 30 ms at 100k' },
        ],
      ),
    },
    {
      name: 'scale-first-sync.svg',
      svg: lineChart(
        `First sync vs households${run}`,
        subtitle,
        's',
        points.map((p) => [p.households, p.syncSeconds]),
        [],
      ),
    },
  ];
  return files.map(({ name, svg }) => {
    const file = path.join(dir, name);
    writeFileSync(file, svg);
    return file;
  });
}
