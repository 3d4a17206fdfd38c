/** 《河北省大型群众性活动安全管理办法》: cited by R05. */
import { NO_TEXT_NOTE, UNKNOWN_TEXT, lawWithoutArticles } from './statute-types.js';

export const HEBEI_LARGE_EVENTS_MEASURES = lawWithoutArticles({
  id: 'HEBEI-LARGE-EVENTS',
  zh: '《河北省大型群众性活动安全管理办法》',
  en: 'Hebei Measures on the Safety of Large Public Events',
  version: { id: 'HEBEI-LARGE-EVENTS-CURRENT', ...UNKNOWN_TEXT },
  note: NO_TEXT_NOTE,
});
