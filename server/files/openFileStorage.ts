import { diskStorage } from './diskStorage';
import type { FilesConfig } from './filesConfig';
import type { FileStorage } from './fileStorage';
import { s3Storage } from './s3Storage';

export function openFileStorage(config: FilesConfig): FileStorage {
  return config.kind === 'disk' ? diskStorage(config.directory) : s3Storage(config);
}
