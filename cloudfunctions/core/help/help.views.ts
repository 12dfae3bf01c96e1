import { HELP_CATEGORY_LABELS, type HelpView } from '../contract/help';
import { toIso, inShanghai } from '../time';
import { maySeeAddress, movesFor } from './help.deciders';
import { AUTO_COMPLETE_MS, type HelpRequest, type Standing } from './help.model';

/** A request as this person may see it (privacy decided in core: DOMAIN.md "Privacy"). */
export function helpView(h: HelpRequest, s: Standing, now: Date, requesterPhone?: string): HelpView {
  const seeAll = maySeeAddress(h, s, now);
  return {
    id: h._id,
    requesterId: h.requesterId,
    requesterName: h.requesterName,
    postedBy: h.postedBy,
    viaStaff: h.via === 'staff',
    viaProxy: h.via === 'proxy',
    communityId: h.communityId,
    communityName: h.communityName,
    category: h.category,
    description: h.description,
    when: toIso(h.when),
    durationMinutes: h.durationMinutes,
    place: seeAll ? { area: h.area, address: h.address } : { area: h.area },
    ...(seeAll && requesterPhone ? { requesterPhone } : {}),
    rewardMinutes: h.rewardMinutes,
    status: h.status,
    ...(h.volunteerId ? { volunteerId: h.volunteerId, volunteerName: h.volunteerName ?? '' } : {}),
    ...(h.offeredTo && h.offeredUntil && h.offeredUntil.getTime() > now.getTime() ? { offeredTo: h.offeredTo, offeredUntil: toIso(h.offeredUntil) } : {}),
    ...(h.rating !== undefined ? { rating: h.rating } : {}),
    ...(h.comment ? { comment: h.comment } : {}),
    ...(h.disputeReason ? { disputeReason: h.disputeReason } : {}),
    ...(h.resolution ? { resolution: { outcome: h.resolution.outcome, note: h.resolution.note } } : {}),
    ...(h.autoCompleted ? { autoCompleted: true } : {}),
    ...(h.status === 'done' && h.doneAt ? { autoCompleteAt: toIso(new Date(h.doneAt.getTime() + AUTO_COMPLETE_MS)) } : {}),
    createdAt: toIso(h.createdAt),
    ...(h.rebookOf ? { rebookOf: h.rebookOf } : {}),
    can: movesFor(h, s, now),
  };
}

/** A request in words, for messages: 代买代办，11月23日 09:00. */
export const helpInWords = (h: HelpRequest): string => `${HELP_CATEGORY_LABELS[h.category]}，${inShanghai(h.when).format('M月D日 HH:mm')}`;

export const helpLink = (helpId: string): string => `/pages/help-detail/index?id=${helpId}`;
