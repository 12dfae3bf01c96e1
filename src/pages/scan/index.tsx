import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Attendance } from '@contract'
import { call } from '../../api/client'
import { ForWhom } from '../../components/for-whom'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { howToAllow, locate, openLocationSettings, type LocationRefusal } from '../../components/location'
import { Scanner } from '../../components/scanner'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime } from '../../utils/format'

/**
 * Check in or out by scanning the code staff show. The page also opens with the code
 * itself: `?token=…`, or a mini-program code's `scene`.
 */
export default function Scan() {
  const params = useRouter().params
  const me = useQuery(() => call('account', 'me'))
  const [forUserId, setForUserId] = useState<string | undefined>(undefined)
  const [done, setDone] = useState<Attendance | undefined>(undefined)
  // Why the phone gave no position for the last scan (it is sent when there is one).
  const [noPosition, setNoPosition] = useState<LocationRefusal | undefined>(undefined)
  const scan = useAction(async (requestId, token: string) => {
    const here = await locate()
    setNoPosition(here.ok ? undefined : here.why)
    return call('checkin', 'scan', { token, ...(here.ok ? { lat: here.lat, lng: here.lng } : {}), ...(forUserId ? { forUserId } : {}) }, { requestId })
  })
  const elders = me.data?.elders ?? []
  const submit = async (token: string) => {
    const r = await scan.run(token)
    if (r) setDone(r.attendance)
  }
  const given = params.token ?? (params.scene ? decodeURIComponent(params.scene) : undefined)
  useEffect(() => {
    if (given) void submit(given)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [given])

  return (
    <PageShell>
      {done ? (
        <View className='yq-card'>
          <Text className='yq-card__title' data-testid='scan-result'>
            {done.checkOutAt ? '签退成功' : '签到成功'}
          </Text>
          {forUserId ? <Text style={{ display: 'block' }}>已为 {done.userName} 代为扫码</Text> : null}
          <Text className='yq-muted' style={{ display: 'block' }}>
            {done.activityTitle}
          </Text>
          <Text className='yq-muted' style={{ display: 'block' }}>
            签到：{shortTime(done.checkInAt)}
          </Text>
          {done.checkOutAt ? (
            <Text className='yq-muted' style={{ display: 'block' }}>
              签退：{shortTime(done.checkOutAt)}
            </Text>
          ) : null}
          {done.flags.includes('no-location') ? (
            <View className='yq-notice' data-testid='no-location'>
              <Text style={{ display: 'block' }}>这次已记下，但这个活动要核对位置，没有位置的记录需要社工核对后才计时。</Text>
              <Text style={{ display: 'block' }}>{howToAllow(noPosition ?? 'unavailable')}</Text>
              {noPosition === 'denied' && openLocationSettings ? (
                <Button className='yq-button yq-button--ghost' onClick={() => void openLocationSettings?.()}>
                  去开启定位
                </Button>
              ) : null}
            </View>
          ) : null}
          {done.creditedMinutes !== undefined ? <Text style={{ display: 'block' }}>本次可计 {coins(done.creditedMinutes)} 时间币，社工审核后到账</Text> : null}
          <Button className='yq-button' onClick={() => setDone(undefined)}>
            继续扫码
          </Button>
          <Button className='yq-button yq-button--ghost' onClick={() => void Taro.navigateTo({ url: '/pages/my-hours/index' })}>
            查看我的服务时长
          </Button>
        </View>
      ) : (
        <View className='yq-card'>
          <Text className='yq-card__title'>扫描活动现场的二维码</Text>
          <Text className='yq-muted'>签到码和签退码每 30 秒更换，请扫描屏幕上正在显示的码。</Text>
          <ForWhom elders={elders} value={forUserId} onChange={setForUserId} label='为谁扫码' />
          <FieldError message={scan.error} testId='scan-error' />
          <Scanner onCode={submit} busy={scan.busy} />
        </View>
      )}
    </PageShell>
  )
}
