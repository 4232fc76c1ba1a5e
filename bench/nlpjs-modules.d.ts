// NLP.js ships no types; the benchmark uses only these calls.
declare module '@nlpjs/core' {
  export function containerBootstrap(): Promise<{ use(plugin: unknown): void; get(name: 'nlp'): NlpManagerLike }>;
  export interface NlpManagerLike {
    settings: { autoSave: boolean };
    addLanguage(lang: string): void;
    addDocument(lang: string, text: string, intent: string): void;
    train(): Promise<void>;
    process(lang: string, text: string): Promise<{ intent?: string; score: number }>;
  }
}
declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}
declare module '@nlpjs/lang-no' {
  export const LangNo: unknown;
}
