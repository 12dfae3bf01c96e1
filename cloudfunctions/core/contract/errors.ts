/**
 * Every error code an action may answer with: stable, machine-readable (`AREA.REASON`),
 * each with the plain Chinese a person sees and the HTTP status the gateway sets
 * (API.md "Call and answer"). Pages show `message`; they never invent their own.
 */
export const ERRORS = {
  'INPUT.INVALID': { status: 400, message: '填写的内容有误，请检查后再试' },
  'AUTH.UNAUTHENTICATED': { status: 401, message: '请先登录' },
  'AUTH.NOT_REGISTERED': { status: 401, message: '您还没有注册，请先填写基本信息' },
  'AUTH.FORBIDDEN': { status: 403, message: '您没有权限进行这项操作' },
  'REQUEST.REUSED': { status: 409, message: '这次提交与之前的不一致，请重新操作' },
  'REQUEST.BUSY': { status: 409, message: '操作的人太多了，请稍后再试' },
  NOT_FOUND: { status: 404, message: '没有找到相关内容' },
  'ACCOUNT.NOT_FOUND': { status: 404, message: '没有找到这位用户' },
  'ACCOUNT.ALREADY_REGISTERED': { status: 409, message: '您已经注册过了' },
  'ACCOUNT.PHONE_TAKEN': { status: 409, message: '这个手机号已经被另一位微信用户注册了。如果是您的号码，请联系社区社工' },
  'COMMUNITY.NOT_FOUND': { status: 404, message: '没有找到这个社区' },
  'WALLET.INSUFFICIENT': { status: 409, message: '时间币余额不足' },
  'LEDGER.UNBALANCED': { status: 500, message: '记账出错，请联系社工' },
  'LEDGER.MIXED_CURRENCY': { status: 500, message: '记账出错：时间币和人民币不能记在同一笔账里' },
  'LEDGER.ALREADY_REVERSED': { status: 409, message: '这笔记录已经冲正过了' },
  'DEV.DISABLED': { status: 403, message: '正式环境不提供开发登录' },
  'ACTIVITY.NOT_FOUND': { status: 404, message: '没有找到这个活动' },
  'ACTIVITY.FULL': { status: 409, message: '活动名额已满' },
  'ACTIVITY.INVALID_TIME': { status: 400, message: '活动时间不对，请检查开始和结束时间' },
  'CHECKIN.TOKEN_INVALID': { status: 400, message: '这个二维码无效，请扫描活动现场的签到码' },
  'CHECKIN.TOKEN_EXPIRED': { status: 409, message: '二维码已过期，请扫描现场屏幕上最新的二维码' },
  'CHECKIN.OUT_OF_RANGE': { status: 409, message: '您不在活动地点附近，请到现场后再扫码' },
  'CHECKIN.NOT_CHECKED_IN': { status: 409, message: '还没有签到，不能签退' },
  'CHECKIN.CLOSED': { status: 409, message: '这次签到记录已经结束，不能再修改' },
  'CHECKIN.NOT_OPEN': { status: 409, message: '活动还没开始签到或已经结束' },
  'HOURS.NOT_PENDING': { status: 409, message: '这条记录已经审核过了' },
  'HOURS.OWN_RECORD': { status: 403, message: '不能审核自己的服务时长，请由其他社工办理' },
  'MERCHANT.NOT_FOUND': { status: 404, message: '没有找到这家商户' },
  'MERCHANT.SUSPENDED': { status: 409, message: '这家商户暂停了兑换' },
  'MERCHANT.NOTHING_TO_SETTLE': { status: 409, message: '上次结算以来还没有新的兑换可以结算' },
  'OFFER.NOT_FOUND': { status: 404, message: '没有找到这件商品' },
  'OFFER.UNAVAILABLE': { status: 409, message: '这件商品已下架或不在兑换期内' },
  'FUND.NOT_FOUND': { status: 404, message: '没有找到这个微项目' },
  'FUND.BAD_STATE': { status: 409, message: '微项目现在的状态不能这样做' },
  'FUND.NOT_MEMBER': { status: 403, message: '只有参加这次评审的管委会委员可以投票' },
  'FUND.RECUSED': { status: 409, message: '您已声明回避，不能投票' },
  'FUND.OVERDRAWN': { status: 409, message: '支出超过了项目现有的钱' },
  'FILE.INVALID': { status: 400, message: '照片有问题，请重新上传' },
  'REDEEM.CODE_INVALID': { status: 404, message: '兑换码不对，请核对后再输入' },
  'REDEEM.CODE_USED': { status: 409, message: '这个兑换码已经用过了' },
  'REDEEM.CODE_EXPIRED': { status: 409, message: '兑换码已过期，请让对方重新出示' },
  'REDEEM.CODE_CANCELLED': { status: 409, message: '这个兑换码已被取消' },
  'REDEEM.OUT_OF_STOCK': { status: 409, message: '商品已经兑完了' },
  'REDEEM.LIMIT_REACHED': { status: 409, message: '本月兑换次数已用完' },
  'REDEEM.WRONG_MERCHANT': { status: 403, message: '这个兑换码不是本店的商品' },
  'REDEEM.THROTTLED': { status: 429, message: '输错次数太多，请一分钟后再试' },
  'HOURS.STILL_OPEN': { status: 409, message: '志愿者还没签退，活动结束后才能审核' },
  'PROXY.NOT_FOUND': { status: 404, message: '没有找到这条代持关系' },
  'PROXY.NOT_ACTIVE': { status: 409, message: '代持关系还没生效或已经解除' },
  'PROXY.CODE_INVALID': { status: 400, message: '确认码不对或已过期，请向社工重新索取' },
  'PROXY.SELF': { status: 400, message: '不能代持自己' },
  'PROXY.AMBIGUOUS': { status: 409, message: '这个号码有几位居民在用，请到社区找社工办理代持' },
  'PROXY.BAD_STATE': { status: 409, message: '这条代持关系现在不能这样操作' },
  'HELP.NOT_FOUND': { status: 404, message: '没有找到这条求助' },
  'HELP.NOT_OPEN': { status: 409, message: '这条求助已经不能接单了' },
  'HELP.TAKEN': { status: 409, message: '这条求助已经有人接了' },
  'HELP.OWN_REQUEST': { status: 409, message: '不能接自己（或自己代持的长者）发的求助' },
  'HELP.BAD_STATE': { status: 409, message: '这条求助现在不能这样操作' },
  'HELP.RESERVED': { status: 409, message: '这条求助先留给上次帮忙的志愿者，稍后再来看看' },
  INTERNAL: { status: 500, message: '系统出了点问题，请稍后再试' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export function statusOf(code: string): number {
  return (ERRORS as Record<string, { status: number }>)[code]?.status ?? 500;
}

export function messageOf(code: string): string {
  return (ERRORS as Record<string, { message: string }>)[code]?.message ?? ERRORS.INTERNAL.message;
}
