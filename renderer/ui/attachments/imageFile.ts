import { checkPickedFile, FileRefusedError, imageScaling, isPicture, scaledSize } from '../../data';

/** A file ready to keep: pictures already scaled down and turned into JPEG. */
export interface PreparedFile {
  bytes: Uint8Array;
  contentType: string;
  /** What messages call it: the picked file's name, or 照片/签名. */
  name: string;
}

/** Draws a picture (or a video frame) scaled so its long side fits `imageScaling`, as JPEG. */
export async function drawToJpeg(source: CanvasImageSource, width: number, height: number): Promise<Uint8Array> {
  const size = scaledSize(width, height, imageScaling.maxLongSide);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  // JPEG has no transparency: a white page rather than black behind a PNG's clear parts.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(source, 0, 0, size.width, size.height);
  return canvasBytes(canvas, 'image/jpeg', imageScaling.jpegQuality);
}

export async function canvasBytes(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
  if (!blob) throw new Error('canvas export failed');
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Checks a picked file and prepares it: pictures are decoded and scaled down (which also drops
 * their EXIF location), PDFs are kept as they are. Throws FileRefusedError naming the file.
 */
export async function prepareFile(file: File): Promise<PreparedFile> {
  const problem = checkPickedFile(file);
  if (problem) throw new FileRefusedError(problem);
  if (!isPicture(file.type)) return { bytes: new Uint8Array(await file.arrayBuffer()), contentType: file.type, name: file.name };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new FileRefusedError({ key: 'attachments.problem.unreadable', name: file.name });
  }
  try {
    return { bytes: await drawToJpeg(bitmap, bitmap.width, bitmap.height), contentType: 'image/jpeg', name: file.name };
  } finally {
    bitmap.close();
  }
}
