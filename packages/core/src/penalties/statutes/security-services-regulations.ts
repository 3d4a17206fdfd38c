/** 《保安服务管理条例》: cited by R07. */
import { lawWithoutArticles } from './statute-types.js';

export const SECURITY_SERVICES_REGULATIONS = lawWithoutArticles({
  id: 'SSR',
  zh: '《保安服务管理条例》',
  en: 'Regulations on the Administration of Security Services',
  version: {
    id: 'SSR-2010',
    zh: '2009年公布（2020年修订）',
    en: 'promulgated 2009 (revised 2020)',
    inForceFrom: '2010-01-01',
    datesSource: 'from memory, unverified',
  },
  note: 'No article is in the table: the article numbers and amounts of its penalty chapter could not be verified here; every sanction needs a legal review.',
});
