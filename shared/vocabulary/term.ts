/**
 * The vocabulary's building block: one word of the domain in the app's two languages. Chinese is
 * the language of the forms, exports and the server's messages; English is the UI's second
 * language. Each kind of word (roles, application types, statuses…) is one file beside this one,
 * holding its codes and one `Word` per code, so a word is written once and every screen, print,
 * export and server message takes it from there (tests/shared/vocabulary.test.ts checks both).
 */

export type VocabularyLanguage = 'zh' | 'en';

/** A word in Chinese and in English. */
export interface Term {
  readonly zh: string;
  readonly en: string;
}

/**
 * A word with, where a place needs one, a shorter form (a line on a card, a cell, a sentence):
 * 特困人员救助供养 is the programme's name, 特困供养 its short form. A language left out of
 * `short` uses the word itself.
 */
export interface Word extends Term {
  readonly short?: Partial<Term>;
}

/** Each code's word in one language: `labelsIn(applicationTypeTerms, 'zh').tekun` is 特困人员救助供养. */
export function labelsIn<K extends string>(terms: Readonly<Record<K, Term>>, lang: VocabularyLanguage): Record<K, string> {
  return Object.fromEntries(Object.entries<Term>(terms).map(([code, term]) => [code, term[lang]])) as Record<K, string>;
}

/** A word's short form in one language (the word itself where it has none). */
export function shortOf(word: Word, lang: VocabularyLanguage): string {
  return word.short?.[lang] ?? word[lang];
}

/** Each code's short form in one language: `shortLabelsIn(applicationTypeTerms, 'zh').tekun` is 特困供养. */
export function shortLabelsIn<K extends string>(terms: Readonly<Record<K, Word>>, lang: VocabularyLanguage): Record<K, string> {
  return Object.fromEntries(Object.entries<Word>(terms).map(([code, word]) => [code, shortOf(word, lang)])) as Record<K, string>;
}
