/**
 * What a browser (the app at app://jiuzhu, or the web build) must be allowed to send to and read
 * from the tus endpoint; merged into the server's CORS settings in app.ts.
 */
export const FILE_CORS = {
  methods: ['PATCH'],
  allowedHeaders: ['tus-resumable', 'upload-length', 'upload-offset', 'upload-metadata'],
  exposedHeaders: ['Upload-Offset', 'Upload-Length', 'Tus-Resumable', 'Location', 'Upload-Metadata', 'Tus-Version', 'Tus-Max-Size'],
} as const;
