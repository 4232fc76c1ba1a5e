export { loadContentPack, ContentError } from './loader.js';
export type { ContentPack, Topic } from './types.js';
export type { ActionDefinition, ActionsFile, LoginFailureText, BankFacts, Calibration, Messages, NonTopicLabel, TrainingExample, UrgentKind, Vocabulary } from './schema.js';
export { nonTopicLabels, urgentKinds } from './schema.js';
export { approvedOnly, drafts, servedPack } from './drafts.js';
