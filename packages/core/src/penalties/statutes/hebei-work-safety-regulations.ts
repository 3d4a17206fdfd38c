/** hebei-work-safety-regulations.ts2 */
import type { StatuteLaw } from './statute-types.js';

export const HEBEI_WORK_SAFETY_REGULATIONS: StatuteLaw = {
  id: 'HEBEI-WS',
  zh: '《河北省安全生产条例》',
  en: 'Hebei Province Work Safety Regulations',
  versions: [
    {
      id: 'HEBEI-WS-CURRENT',
      lawId: 'HEBEI-WS',
      zh: '现行文本',
      en: 'text in force',
      inForceFrom: null,
      inForceUntil: null,
      datesSource: 'not available here: the version and its dates are unknown',
    },
  ],
  note: 'No article is in the table (text not available here): every sanction under it needs a legal review.',
};
