import type { z } from 'zod';
import './messages';
import { account } from './account';
import { activity } from './activity';
import { checkin, hours } from './checkin';
import { redeem } from './redeem';
import { donate } from './donate';
import { wallet } from './wallet';
import { help } from './help';
import { message } from './message';
import { fund } from './fund';

/**
 * The function contract: every function, its actions, their input and output schemas.
 * Shared by the function shells (parsing), the client in src/ (types) and docs/api.md
 * (generated from here by `npm run docs:api`).
 */
export const api = { account, activity, checkin, hours, wallet, redeem, donate, help, message, fund } as const;

export type Api = typeof api;
export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
type Def<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { input: z.ZodType; output: z.ZodType } ? Api[F][A] : never;
export type InputOf<F extends FunctionName, A extends ActionName<F>> = z.input<Def<F, A>['input']>;
export type OutputOf<F extends FunctionName, A extends ActionName<F>> = z.output<Def<F, A>['output']>;

export interface ActionDef {
  summary: string;
  writes: boolean;
  /** Anyone may call it, logged in or not (a public page opened from a shared link). Reads only. */
  public?: boolean;
  input: z.ZodType;
  output: z.ZodType;
}

export * from './common';
export * from './errors';
export * from './envelope';
export type { UserView, ElderView, ProxyLinkView, ProxyAct, ProxyScope } from './account';
export { PROXY_SCOPE_LABELS } from './account';
export type { HelpView, HelpCategory, HelpStatus, HelpMove } from './help';
export { HELP_CATEGORY_LABELS, HELP_STATUS_LABELS } from './help';
export type { MessageView, TemplateKey } from './message';
export type {
  CommitteeView,
  Quorum,
  ProjectView,
  ProjectStatus,
  VoteDecision,
  Channel,
  DonationView,
  DisbursementView,
  UpdateView,
  FundOverview,
} from './fund';
export { QUORUM_LABELS, PROJECT_STATUS_LABELS, VOTE_LABELS, CHANNEL_LABELS } from './fund';
export type { FileRef } from './files';
export { UPLOAD_LIMITS } from './files';
export type { HistoryItem } from './wallet';
export type { ActivityView } from './activity';
export type { Attendance } from './checkin';
export type { OfferView, Redemption } from './redeem';
