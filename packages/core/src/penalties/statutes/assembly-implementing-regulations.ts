/** 《中华人民共和国集会游行示威法实施条例》: cited by R06. */
import { lawWithoutArticles } from './statute-types.js';

export const ASSEMBLY_IMPLEMENTING_REGULATIONS = lawWithoutArticles({
  id: 'ASSEMBLY-IMPL',
  zh: '《中华人民共和国集会游行示威法实施条例》',
  en: 'Implementing Regulations of the Law on Assemblies, Processions and Demonstrations',
  version: {
    id: 'ASSEMBLY-IMPL-1992',
    zh: '1992年文本（2011年修订）',
    en: '1992 text (revised 2011)',
    inForceFrom: '1992-06-16',
    datesSource: 'from memory, unverified',
  },
  note: 'No article is in the table: its sanctions refer back to the Law (第二十八条) and to the punishments law.',
});
