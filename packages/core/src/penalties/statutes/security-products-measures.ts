/** 《安全技术防范产品管理办法》: cited by R08. */
import { lawWithoutArticles } from './statute-types.js';

export const SECURITY_PRODUCTS_MEASURES = lawWithoutArticles({
  id: 'STPM',
  zh: '《安全技术防范产品管理办法》',
  en: 'Measures for the Administration of Security-Technology Products',
  version: {
    id: 'STPM-2000',
    zh: '2000年文本',
    en: '2000 text',
    inForceFrom: '2000-09-01',
    datesSource: 'from memory, unverified',
  },
  note: 'No article is in the table: its penalty articles could not be verified here; every sanction needs a legal review.',
});
