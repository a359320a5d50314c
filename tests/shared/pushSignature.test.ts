import { describe, expect, it } from 'vitest';
import { signPush, verifyPush } from '../../shared/sync/pushSignature';

const device = { userId: 'u-1', deviceId: 'laptop-0001' };
const rows = [{ assumedMasterState: null, newDocumentState: { id: 'h1', areaCode: '371623102001', updatedAt: 5, members: [{ name: '王秀兰' }] } }];

describe('device-signed push batches (a relay carries them, the central server checks them)', () => {
  it('verifies the same rows however their keys were ordered when re-serialised', async () => {
    const signature = await signPush('device-key', device, 'households', rows);
    const reordered = JSON.parse(JSON.stringify([{ newDocumentState: { members: [{ name: '王秀兰' }], updatedAt: 5, areaCode: '371623102001', id: 'h1' }, assumedMasterState: null }]));
    expect(await verifyPush('device-key', device, 'households', reordered, signature)).toBe(true);
  });

  it('refuses a changed row, another device, another collection and another key', async () => {
    const signature = await signPush('device-key', device, 'households', rows);
    const changed = structuredClone(rows);
    changed[0]!.newDocumentState.updatedAt = 6;
    expect(await verifyPush('device-key', device, 'households', changed, signature)).toBe(false);
    expect(await verifyPush('device-key', { ...device, deviceId: 'laptop-0002' }, 'households', rows, signature)).toBe(false);
    expect(await verifyPush('device-key', device, 'visits', rows, signature)).toBe(false);
    expect(await verifyPush('other-key', device, 'households', rows, signature)).toBe(false);
    expect(await verifyPush('device-key', device, 'households', rows, signature.slice(1))).toBe(false);
  });
});
