import type { Impls } from '../shell';
import { cancelCode } from './cancel-code';
import { confirmCode, previewCode } from './confirm-code';
import { issueCode } from './issue-code';
import { codeStatus } from './own-code';
import { merchantActions } from './merchants';
import { offerActions } from './offers';
import { redemptionListActions } from './redemptions';

/** The `redeem` function: each use case lives in its own file. */
export const redeemActions: Impls<'redeem'> = {
  ...offerActions,
  issue: issueCode,
  preview: previewCode,
  confirm: confirmCode,
  cancel: cancelCode,
  code: codeStatus,
  ...redemptionListActions,
  ...merchantActions,
};
