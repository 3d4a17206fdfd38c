/** security-services-regulations.ts2 */
import type { StatuteLaw } from './statute-types.js';

export const SECURITY_SERVICES_REGULATIONS: StatuteLaw = {
  id: 'SSR',
  zh: '《保安服务管理条例》',
  en: 'Regulations on the Administration of Security Services',
  versions: [
    {
      id: 'SSR-2010',
      lawId: 'SSR',
      zh: '2009年公布（2020年修订）',
      en: 'promulgated 2009 (revised 2020)',
      inForceFrom: '2010-01-01',
      inForceUntil: null,
      datesSource: 'from memory, unverified',
    },
  ],
  note: 'No article is in the table: the article numbers and amounts of its penalty chapter could not be verified here; every sanction needs a legal review.',
};
