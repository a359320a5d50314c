/**
 * What tus-js-client can read in this environment: its browser build reads a Blob, its Node
 * build (used by the Node tests) only a Buffer. Electron's renderer has no Buffer, so it gets a Blob.
 */
export function tusInput(bytes: Uint8Array, contentType: string): Blob {
  const nodeBuffer = (globalThis as { Buffer?: { from(data: Uint8Array): unknown } }).Buffer;
  if (nodeBuffer && typeof window === 'undefined') return nodeBuffer.from(bytes) as Blob;
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType });
}
