import { Steps } from 'antd';

/** The steps of a USB export or import, the one it is at, and how that one stands. */
export interface UsbStepView {
  labels: string[];
  current: number;
  /** running: working on `current`; done: every step finished; failed: stopped at `current`; stopped: cancelled there. */
  state: 'running' | 'done' | 'failed' | 'stopped';
}

const statusOf = { running: 'process', done: 'finish', failed: 'error', stopped: 'wait' } as const;

/** 读取 → 加密打包 → 保存到U盘: where an export or import is, and where it stopped. */
export function UsbSteps({ view, testId }: { view: UsbStepView; testId: string }) {
  return (
    <Steps
      size="small"
      orientation="vertical"
      current={view.state === 'done' ? view.labels.length : view.current}
      status={statusOf[view.state]}
      data-testid={testId}
      data-state={view.state}
      items={view.labels.map((title, index) => ({
        title,
        'data-testid': `${testId}-${index}`,
      }))}
    />
  );
}
