import type { Platform } from './platform';

/**
 * A plain browser (the app served by the central server, the end-to-end tests): a download for a
 * file, the print dialog for a form, and no keyring. A browser gives no word on where or whether a
 * download was kept, so it counts as saved.
 */
export function browserPlatform(): Platform {
  return {
    kind: 'browser',
    async saveFile(bytes, fileName, mimeType) {
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
      // The download has started from the URL; keep it a while for slow machines, then let it go.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { saved: true, fileName };
    },
    async print(fileName) {
      window.print();
      return { saved: true, fileName };
    },
    keyring: null,
    hostLog: null,
    shippedProvisioning: async () => null,
    updates: null,
  };
}
