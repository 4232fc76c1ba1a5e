export { loadContentPack, ContentError } from './loader.js';
export type { ContentPack, Topic } from './types.js';
export type { BankFacts, Messages, Vocabulary } from './schema.js';
