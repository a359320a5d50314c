import type { Word } from './term';

/** Which local 低保 standard a household is judged by: the 城市 one or the 农村 one. */
export const residences = ['urban', 'rural'] as const;
export type Residence = (typeof residences)[number];

export const residenceTerms = {
  urban: { zh: '城市', en: 'Urban' },
  rural: { zh: '农村', en: 'Rural' },
} as const satisfies Record<Residence, Word>;
