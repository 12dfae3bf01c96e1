import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { ErrorView, Loading } from '../../components/states'
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
  const ended = !!a && Date.parse(a.endAt) < Date.now()
  const full = !!a && a.capacity !== undefined && a.signedUp >= a.capacity
  const go = (url: string) => void Taro.navigateTo({ url })

  return (
    <PageShell>
      {detail.loading && !a ? <Loading /> : null}
      {detail.error ? <ErrorView message={detail.error.message} onRetry={detail.reload} /> : null}
      {a ? (
        <View className='yq-card'>
          <Text className='yq-card__title'>{a.title}</Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            时间：{timeRange(a.startAt, a.endAt)}
          </Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            地点：{a.communityName}
            {a.place ? ` · ${a.place}` : ''}
          </Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            名额：{a.capacity ? `${a.signedUp}/${a.capacity} 人` : `不限（已报名 ${a.signedUp} 人）`}
          </Text>
          {a.maxMinutes ? (
            <Text className='yq-muted' style={{ display: 'block' }}>
              最多计 {coins(a.maxMinutes)} 时间币
            </Text>
          ) : null}
          {a.radiusM ? (
            <Text className='yq-muted' style={{ display: 'block' }}>
              需在活动地点 {a.radiusM} 米内扫码
            </Text>
          ) : null}
          <FieldError message={signup.error} />
          {volunteer && !staff ? (
            <Button
              className='yq-button'
              disabled={a.mine || ended || full || signup.busy}
              loading={signup.busy}
              onClick={async () => (await signup.run()) && detail.reload()}
            >
              {a.mine ? '已报名' : ended ? '活动已结束' : full ? '名额已满' : '我要报名'}
            </Button>
          ) : null}
        </View>
      ) : null}
      {a && staff ? (
        <View className='yq-card'>
          <Text className='yq-card__title'>活动现场</Text>
          <Button className='yq-button' onClick={() => go(`/pages/qr/index?id=${a.id}&kind=in`)}>
            出示签到码
          </Button>
          <Button className='yq-button yq-button--ghost' onClick={() => go(`/pages/qr/index?id=${a.id}&kind=out`)}>
            出示签退码
          </Button>
          <Button className='yq-button yq-button--ghost' onClick={() => go(`/pages/attendees/index?id=${a.id}`)}>
            签到名单与手工签到
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
