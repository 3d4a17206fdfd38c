export { DEMO_ACCOUNTS, DEMO_INSPECTOR_OFFICER_CODE, DEMO_PASSWORD, type DemoAccount } from './demo-accounts.js';
export { DEMO_BRIGADES, DEMO_STATIONS } from './demo-registry.js';
export {
  DEFAULT_DEMO_SEED,
  DemoSeedRefusedError,
  seedDemo,
  type SeedDemoOptions,
  type SeedSummary,
  type SeedTable,
} from './demo.js';
export {
  PROVINCE_DEFAULTS,
  PROVINCE_LEADER_USERNAME,
  ProvinceSeedRefusedError,
  seedProvince,
  type ProvinceSummary,
  type SeedProvinceOptions,
} from './province.js';
