import { Card, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { rowProps } from '../tableRow';
import { EChart, type EChartOption } from './EChart';

export interface FigureRow {
  key: string;
  label: string;
  /** The main figure (households, people or a count). */
  value: number;
  /** A second figure shown in the table (people beside households). */
  second?: number;
  /** The list behind the figure, if there is one. */
  to?: string;
}

export interface FigureChartProps {
  /** Chart id: `chart-<id>` on the chart, `figure-<id>-<key>` on each table row. */
  id: string;
  title: string;
  kind: 'bar' | 'pie';
  rows: FigureRow[];
  valueLabel: string;
  secondLabel?: string;
  /** A line under the title (e.g. 60岁及以上 N 人). */
  note?: string;
}

/**
 * One figure as an ECharts bar or pie chart, with the same figures in a table under it: the
 * table is what a screen reader reads and what a keyboard uses; both open the list behind a row.
 */
export function FigureChart({ id, title, kind, rows, valueLabel, secondLabel, note }: FigureChartProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // A pie of zeros draws equal slices: empty slices are left out of the chart (not the table).
  const charted = useMemo(() => (kind === 'pie' ? rows.filter((row) => row.value > 0) : rows), [kind, rows]);
  const option = useMemo<EChartOption>(() => {
    const data = charted.map((row) => ({ name: row.label, value: row.value }));
    if (kind === 'pie') {
      return {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0, type: 'scroll' },
        series: [{ type: 'pie', radius: ['35%', '65%'], data, label: { formatter: '{b}\n{c}' } }],
      };
    }
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: charted.map((row) => row.label), axisLabel: { interval: 0, rotate: charted.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data, label: { show: true, position: 'top' }, itemStyle: { color: '#1677ff' } }],
    };
  }, [kind, charted]);

  const open = (row: FigureRow | undefined) => {
    if (row?.to) navigate(row.to);
  };

  const columns = [
    { title: t('dashboard.column.item'), dataIndex: 'label', key: 'label' },
    { title: valueLabel, dataIndex: 'value', key: 'value', align: 'right' as const },
    ...(secondLabel ? [{ title: secondLabel, dataIndex: 'second', key: 'second', align: 'right' as const }] : []),
  ];

  return (
    <Card title={title} data-testid={`card-${id}`} styles={{ body: { paddingTop: 8 } }}>
      {note && <Typography.Paragraph style={{ marginBottom: 4 }}>{note}</Typography.Paragraph>}
      <EChart option={option} testId={`chart-${id}`} label={title} onClick={(index) => open(charted[index])} />
      <Table<FigureRow>
        size="small"
        pagination={false}
        rowKey="key"
        columns={columns}
        dataSource={rows}
        aria-label={t('dashboard.tableCaption', { chart: title })}
        onRow={(row) =>
          Object.assign(
            rowProps(
              `figure-${id}-${row.key}`,
              row.to
                ? {
                    onClick: () => open(row),
                    onKeyDown: (event) => {
                      if (event.key === 'Enter' || event.key === ' ') open(row);
                    },
                    tabIndex: 0,
                    role: 'link',
                    style: { cursor: 'pointer' },
                  }
                : {},
            ),
            { 'data-value': String(row.value) },
          )
        }
      />
    </Card>
  );
}
