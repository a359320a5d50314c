import { z } from 'zod';
import type { PreviousUpload, UrlStorage } from 'tus-js-client';
import type { KeyValueStore } from '../keyValueStore';

type Stored = Record<string, PreviousUpload>;

/** tus-js-client's record of an upload: checked when read back, so a changed entry is dropped, not cast. */
const storedSchema = z.record(
  z.string(),
  z.looseObject({ size: z.number().nullable(), metadata: z.record(z.string(), z.string()), creationTime: z.string(), uploadUrl: z.string().nullable().optional() }),
);

/**
 * Where tus-js-client remembers the server's URL of each unfinished upload, by fingerprint, so
 * that an upload cut at 90% goes on from 90% after a reload or a restart. Kept in the same
 * key-value store as the waiting changes (localStorage in the app, memory in tests).
 */
export class TusUrlStorage implements UrlStorage {
  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {}

  async findAllUploads(): Promise<PreviousUpload[]> {
    return Object.entries(this.load()).map(([urlStorageKey, upload]) => ({ ...upload, urlStorageKey }));
  }

  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    return (await this.findAllUploads()).filter((upload) => (upload as { fingerprint?: string }).fingerprint === fingerprint);
  }

  async removeUpload(urlStorageKey: string): Promise<void> {
    const all = this.load();
    delete all[urlStorageKey];
    this.save(all);
  }

  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    const all = this.load();
    const urlStorageKey = `${fingerprint}::${Date.now().toString(36)}`;
    all[urlStorageKey] = { ...upload, fingerprint } as PreviousUpload;
    this.save(all);
    return urlStorageKey;
  }

  private load(): Stored {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(this.store.getItem(this.key) ?? '{}'));
      return parsed.success ? (parsed.data as unknown as Stored) : {};
    } catch {
      return {};
    }
  }

  private save(all: Stored): void {
    this.store.setItem(this.key, JSON.stringify(all));
  }
}
