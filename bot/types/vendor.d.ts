declare module "@nlpjs/lang-tr" {
  /** Snowball's Turkish stemmer (nlp.js's port); stems one lower-case word. */
  export class StemmerTr {
    stemWord(word: string): string;
  }
}

declare module "stopwords-iso" {
  const stopwords: Readonly<Record<string, readonly string[]>>;
  export = stopwords;
}
