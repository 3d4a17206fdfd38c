/** 《河北省安全生产条例》: cited with the Work Safety Law by R03. */
import { NO_TEXT_NOTE, UNKNOWN_TEXT, lawWithoutArticles } from './statute-types.js';

export const HEBEI_WORK_SAFETY_REGULATIONS = lawWithoutArticles({
  id: 'HEBEI-WS',
  zh: '《河北省安全生产条例》',
  en: 'Hebei Province Work Safety Regulations',
  version: { id: 'HEBEI-WS-CURRENT', ...UNKNOWN_TEXT },
  note: NO_TEXT_NOTE,
});
