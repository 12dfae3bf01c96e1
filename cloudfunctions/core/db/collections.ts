/**
 * Every collection and index the functions rely on. The local gateway creates them in the
 * emulator at start; `npm run setup:cloudbase` creates them in a CloudBase environment.
 * All collections are ADMINONLY: clients reach data only through functions.
 *
 * Compound indexes follow the queries (equality fields first, then the field a list is
 * ordered or ranged by; `_id` breaks ties): each list reads about what it shows.
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
    { name: 'street_phone', keys: ['streetId', 'phone'] },
    // Staff of a community, to tell them what needs them.
    { name: 'role_scope', keys: ['roles.scope'] },
    // Managed accounts of a community, by name (staff's list).
    { name: 'community_managed_name', keys: ['communityId', 'managed', 'name'] },
  ],
  phoneClaims: [],
  proxyLinks: [
    { name: 'proxy_status', keys: ['proxyId', 'status'] },
    { name: 'proxy_requested', keys: ['proxyId', 'requestedAt'] },
    { name: 'elder_requested', keys: ['elderId', 'requestedAt'] },
    { name: 'elder_status', keys: ['elderId', 'status'] },
    { name: 'community_status_requested', keys: ['communityId', 'status', 'requestedAt'] },
  ],
  proxyPairs: [],
  proxyActs: [{ name: 'elder_at', keys: ['elderId', 'at'] }],
  helps: [
    // Open requests of a community by time (the volunteers' list, community first).
    { name: 'community_status_when', keys: ['communityId', 'status', 'when'] },
    // Overdue open and long-done requests (the sweep).
    { name: 'status_when', keys: ['status', 'when'] },
    { name: 'status_done', keys: ['status', 'doneAt'] },
    { name: 'requester_created', keys: ['requesterId', 'createdAt'] },
    { name: 'volunteer_created', keys: ['volunteerId', 'createdAt'] },
  ],
  messages: [
    { name: 'user_at', keys: ['userId', 'at'] },
    { name: 'user_read', keys: ['userId', 'read'] },
  ],
  subscriptions: [],
  outbox: [{ name: 'openid_at', keys: ['openid', 'at'] }],
  ledgerAccounts: [{ name: 'owner_1', keys: ['ownerId'] }],
  journal: [
    { name: 'account_time', keys: ['postings.accountId', 'createdAt'] },
    { name: 'kind_time', keys: ['kind', 'createdAt'] },
  ],
  balanceSnapshots: [],
  requests: [],
  leases: [],
  committees: [],
  projects: [
    // A street's projects by status, newest first (the committee's queue, the public list).
    { name: 'street_status_created', keys: ['streetId', 'status', 'createdAt'] },
    { name: 'street_created', keys: ['streetId', 'createdAt'] },
    { name: 'community_created', keys: ['communityId', 'createdAt'] },
    { name: 'community_status_created', keys: ['communityId', 'status', 'createdAt'] },
  ],
  // A project's public page pages each of these, newest first.
  donations: [{ name: 'project_created', keys: ['projectId', 'createdAt'] }],
  disbursements: [{ name: 'project_created', keys: ['projectId', 'createdAt'] }],
  projectUpdates: [{ name: 'project_created', keys: ['projectId', 'createdAt'] }],
  // The thanks board: a street's (or a community's) coin donors, most given first.
  coinDonors: [
    { name: 'street_total', keys: ['streetId', 'totalMinutes'] },
    { name: 'community_total', keys: ['communityId', 'totalMinutes'] },
  ],
  merchants: [{ name: 'street_created', keys: ['streetId', 'createdAt'] }],
  offers: [
    { name: 'street_onsale_price', keys: ['streetId', 'active', 'merchantActive', 'priceMinutes'] },
    { name: 'merchant_price', keys: ['merchantId', 'priceMinutes'] },
  ],
  redeemCodes: [
    { name: 'user_created', keys: ['userId', 'createdAt'] },
    { name: 'merchant_status_used', keys: ['merchantId', 'status', 'usedAt'] },
  ],
  redeemDigits: [],
  merchantDays: [{ name: 'merchant_day', keys: ['merchantId', 'day'] }],
  redeemCounts: [],
  throttles: [],
  activities: [
    { name: 'street_start', keys: ['streetId', 'startAt'] },
    { name: 'community_start', keys: ['communityId', 'startAt'] },
  ],
  signups: [{ name: 'activity_at', keys: ['activityId', 'at'] }],
  attendance: [
    { name: 'activity_status_review', keys: ['activityId', 'status', 'reviewAt'] },
    { name: 'community_status_review', keys: ['communityId', 'status', 'reviewAt'] },
    { name: 'street_status_review', keys: ['streetId', 'status', 'reviewAt'] },
    { name: 'user_checkin', keys: ['userId', 'checkInAt'] },
    { name: 'activity_checkin', keys: ['activityId', 'checkInAt'] },
  ],
  devSessions: [],
};

export type CollectionName = keyof typeof COLLECTIONS;
