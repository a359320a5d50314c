import { attachmentKindTerms, labelsIn } from '../../shared/vocabulary';
import type { attachmentsZhCN } from './attachments.zh-CN';
import type { LocaleTree } from './types';

export const attachmentsEn: LocaleTree<typeof attachmentsZhCN> = {
  title: 'Photos and files',
  empty: 'No photos or files yet',
  kindLabel: 'What is it',
  kind: labelsIn(attachmentKindTerms, 'en'),
  takePhoto: 'Take photo',
  pickFile: 'Choose file',
  sign: attachmentKindTerms.signature.en,
  pickHint: 'Photos (JPG, PNG) or PDF files; photos are made smaller before they are kept.',
  state: {
    waiting: 'Waiting to upload',
    uploading: 'Uploading {{percent}}%',
    uploaded: 'Uploaded',
    failed: 'Upload failed, will retry',
    onServer: 'On the server, open to view',
  },
  view: {
    open: 'View',
    loading: 'Fetching…',
    notYetUploaded: 'The computer that took this file has not uploaded it yet. Please look again later.',
    failed: 'Could not fetch this file. Check the network and try again.',
    retry: 'Try again',
    close: 'Close',
    pdf: 'PDF file',
  },
  remove: 'Delete',
  removeConfirm: 'Delete this file?',
  saved: 'Kept on this computer; it uploads when online',
  saveFailed: 'Not saved. Please try again.',
  reading: 'Preparing the file…',
  problem: {
    empty: '“{{name}}” is empty and was not kept.',
    badType: '“{{name}}” is not a photo or PDF and was not kept. Choose a photo (JPG, PNG) or a PDF.',
    tooLarge: '“{{name}}” is too large (over {{limitMb}} MB) and was not kept. Choose a smaller file.',
    unreadable: '“{{name}}” cannot be opened (it may be damaged) and was not kept.',
  },
  camera: {
    title: 'Take photo',
    capture: 'Take it',
    retake: 'Take again',
    use: 'Use this one',
    starting: 'Opening the camera…',
    denied: 'The camera was not allowed. Click “Allow” when asked, or use “Choose file” to add a photo taken with a phone.',
    unavailable: 'This computer has no camera that can be used. Use “Choose file” instead.',
  },
  signature: {
    title: attachmentKindTerms.signature.en,
    hint: 'Sign in the box below with the mouse or a finger.',
    clear: 'Clear',
    confirm: 'Done',
    empty: 'Nothing signed yet. Write the name in the box first.',
  },
  pending: {
    title: 'Photos and files to save with this visit',
    hint: 'They are saved together with the visit record.',
  },
  waiting: {
    title: 'Photos and files waiting to upload',
    none: 'Every photo and file has been uploaded.',
    columns: {
      file: 'File',
      village: 'Village',
      size: 'Size',
      state: 'Progress',
    },
  },
};
