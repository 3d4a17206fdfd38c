/** 《河北省实施〈中华人民共和国集会游行示威法〉办法》: cited by R06. */
import { NO_TEXT_NOTE, UNKNOWN_TEXT, lawWithoutArticles } from './statute-types.js';

export const HEBEI_ASSEMBLY_MEASURES = lawWithoutArticles({
  id: 'HEBEI-ASSEMBLY',
  zh: '《河北省实施〈中华人民共和国集会游行示威法〉办法》',
  en: 'Hebei Measures implementing the Law on Assemblies, Processions and Demonstrations',
  version: { id: 'HEBEI-ASSEMBLY-CURRENT', ...UNKNOWN_TEXT },
  note: NO_TEXT_NOTE,
});
