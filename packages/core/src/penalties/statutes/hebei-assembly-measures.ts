/** hebei-assembly-measures.ts2 */
import type { StatuteLaw } from './statute-types.js';

export const HEBEI_ASSEMBLY_MEASURES: StatuteLaw = {
  id: 'HEBEI-ASSEMBLY',
  zh: '《河北省实施〈中华人民共和国集会游行示威法〉办法》',
  en: 'Hebei Measures implementing the Law on Assemblies, Processions and Demonstrations',
  versions: [
    {
      id: 'HEBEI-ASSEMBLY-CURRENT',
      lawId: 'HEBEI-ASSEMBLY',
      zh: '现行文本',
      en: 'text in force',
      inForceFrom: null,
      inForceUntil: null,
      datesSource: 'not available here: the version and its dates are unknown',
    },
  ],
  note: 'No article is in the table (text not available here): every sanction under it needs a legal review.',
};
