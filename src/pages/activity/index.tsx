import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '../../api/client'
import { serverNow } from '../../api/server-clock'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { ErrorView, Loading } from '../../components/states'
import { Button, Cell, CellGroup, List, QrCode } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, timeRange } from '../../utils/format'

/** One activity: what, when, where; sign up (volunteers) or run it (staff). */
export default function ActivityDetail() {
  const id = useRouter().params.id ?? ''
  const me = useQuery(() => call('account', 'me'))
  const detail = useQuery(() => call('activity', 'get', { activityId: id }), [id])
  const signup = useAction((requestId) => call('activity', 'signup', { activityId: id }, { requestId }), { successToast: '报名成功' })
  const a = detail.data?.activity
  const staff = !!a?.canManage
  const volunteer = (me.data?.user.roles ?? []).some((r) => r.role === 'volunteer')
  const ended = !!a && Date.parse(a.endAt) < serverNow().getTime()
  const full = !!a && a.capacity !== undefined && a.signedUp >= a.capacity
  const go = (url: string) => void Taro.navigateTo({ url })

  return (
    <PageShell title='活动详情'>
      {detail.loading && !a ? <Loading /> : null}
      {detail.error ? <ErrorView message={detail.error.message} onRetry={detail.reload} /> : null}
      {a ? (
        <>
          <CellGroup title={a.title}>
            <Cell title='时间' extra={timeRange(a.startAt, a.endAt)} />
            <Cell title='地点' extra={`${a.communityName}${a.place ? ` · ${a.place}` : ''}`} />
            <Cell title='名额' extra={a.capacity ? `${a.signedUp}/${a.capacity} 人` : `不限（已报名 ${a.signedUp} 人）`} />
            {a.maxMinutes ? <Cell title='每人最多计' extra={`${coins(a.maxMinutes)} 时间币`} /> : null}
            {a.radiusM ? <Cell title='扫码位置' extra={`需在活动地点 ${a.radiusM} 米内`} /> : null}
          </CellGroup>
          {volunteer && !staff ? (
            <View className='yq-section'>
              <FieldError message={signup.error} />
              {a.mine || ended || full ? (
                <Text className='yq-notice' data-testid='signup-state'>
                  {a.mine ? '您已报名，活动开始时到现场扫码签到' : ended ? '活动已结束' : '名额已满'}
                </Text>
              ) : (
                <Button type='primary' size='large' block loading={signup.busy} onClick={async () => (await signup.run()) && detail.reload()}>
                  我要报名
                </Button>
              )}
            </View>
          ) : null}
        </>
      ) : null}
      {a && staff ? (
        <View className='yq-section'>
          <Text className='yq-section__title'>活动现场</Text>
          <Button type='primary' size='large' block icon={<QrCode />} onClick={() => go(`/staff/qr/index?id=${a.id}&kind=in`)}>
            出示签到码
          </Button>
          <View className='yq-actions'>
            <Button block icon={<QrCode />} onClick={() => go(`/staff/qr/index?id=${a.id}&kind=out`)}>
              出示签退码
            </Button>
            <Button block icon={<List />} onClick={() => go(`/staff/attendees/index?id=${a.id}`)}>
              签到名单与手工签到
            </Button>
          </View>
        </View>
      ) : null}
    </PageShell>
  )
}
