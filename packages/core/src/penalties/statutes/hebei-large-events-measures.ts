/** hebei-large-events-measures.ts2 */
import type { StatuteLaw } from './statute-types.js';

export const HEBEI_LARGE_EVENTS_MEASURES: StatuteLaw = {
  id: 'HEBEI-LARGE-EVENTS',
  zh: '《河北省大型群众性活动安全管理办法》',
  en: 'Hebei Measures on the Safety of Large Public Events',
  versions: [
    {
      id: 'HEBEI-LARGE-EVENTS-CURRENT',
      lawId: 'HEBEI-LARGE-EVENTS',
      zh: '现行文本',
      en: 'text in force',
      inForceFrom: null,
      inForceUntil: null,
      datesSource: 'not available here: the version and its dates are unknown',
    },
  ],
  note: 'No article is in the table (text not available here): every sanction under it needs a legal review.',
};
