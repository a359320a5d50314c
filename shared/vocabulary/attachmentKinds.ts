import type { Word } from './term';

/** 照片 (of the home), 证明材料 (scanned certificates), 票据 (hospital bills), 签名. */
export const attachmentKinds = ['photo', 'certificate', 'bill', 'signature'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

export const attachmentKindTerms = {
  photo: { zh: '照片', en: 'Photo' },
  certificate: { zh: '证明材料', en: 'Certificate' },
  bill: { zh: '票据', en: 'Bill' },
  signature: { zh: '签名', en: 'Signature' },
} as const satisfies Record<AttachmentKind, Word>;
