/**
 * Every collection and index the functions rely on. The local gateway creates them in the
 * emulator at start; `npm run setup:cloudbase` creates them in a CloudBase environment.
 * All collections are ADMINONLY: clients reach data only through functions.
 */
export interface IndexSpec {
  name: string;
  keys: string[];
  unique?: boolean;
  sparse?: boolean;
}

export const COLLECTIONS: Record<string, IndexSpec[]> = {
  streets: [],
  communities: [{ name: 'street_1', keys: ['streetId'] }],
  users: [
    // Not unique: a registered user's _id is derived from the OPENID, which already makes
    // one user per OPENID; managed accounts have none (a unique index would count them as null).
    { name: 'openid_1', keys: ['openid'] },
    { name: 'community_1', keys: ['communityId'] },
    { name: 'phone_1', keys: ['phone'] },
  ],
  proxyLinks: [
    { name: 'proxy_1', keys: ['proxyId'] },
    { name: 'elder_1', keys: ['elderId'] },
  ],
  ledgerAccounts: [{ name: 'owner_1', keys: ['ownerId'] }],
  journal: [
    { name: 'account_1', keys: ['postings.accountId'] },
    { name: 'kind_1', keys: ['kind'] },
  ],
  requests: [],
  merchants: [{ name: 'street_1', keys: ['streetId'] }],
  offers: [
    { name: 'merchant_1', keys: ['merchantId'] },
    { name: 'street_1', keys: ['streetId'] },
  ],
  redeemCodes: [
    { name: 'user_1', keys: ['userId'] },
    { name: 'merchant_status_1', keys: ['merchantId', 'status'] },
  ],
  redeemDigits: [],
  redeemCounts: [],
  settlements: [{ name: 'merchant_1', keys: ['merchantId'] }],
  throttles: [],
  activities: [
    { name: 'street_start_1', keys: ['streetId'] },
    { name: 'community_1', keys: ['communityId'] },
  ],
  signups: [{ name: 'activity_1', keys: ['activityId'] }],
  attendance: [
    { name: 'activity_1', keys: ['activityId'] },
    { name: 'user_1', keys: ['userId'] },
    { name: 'community_status_1', keys: ['communityId', 'status'] },
    { name: 'street_status_1', keys: ['streetId', 'status'] },
  ],
  devSessions: [],
};

export type CollectionName = keyof typeof COLLECTIONS;
