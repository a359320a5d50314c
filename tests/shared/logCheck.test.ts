import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../scripts/checkLogsForPersonalData';

describe('the log check for personal data', () => {
  it('finds valid ID numbers and mobile numbers, masked, and ignores look-alikes', () => {
    const log = [
      '{"msg":"request completed","url":"/api/v1/sync/households/pull?limit=200"}',
      '{"body":{"idNumber":"11010519491231002X","phone":"13812345678"}}',
      '{"seq":123456789012345678,"at":1795947883277}',
    ].join('\n');
    const findings = findPersonalData('server.log', log);
    expect(findings).toEqual([
      { file: 'server.log', line: 2, kind: 'idNumber', masked: '1101**********002X' },
      { file: 'server.log', line: 2, kind: 'mobile', masked: '138****5678' },
    ]);
  });
});
