import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Attendance } from '@contract'
import { call } from '../../api/client'
import { ForWhom } from '../../components/for-whom'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { Done } from '../../components/states'
import { howToAllow, locate, openLocationSettings, type LocationRefusal } from '../../components/location'
import { Scanner } from '../../components/scanner'
import { Button, Cell, CellGroup } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins, shortTime } from '../../utils/format'

const ELDER_CARD = 'yqelder:'

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
    // An elder's card (staff print it): open their page rather than check in.
    if (token.startsWith(ELDER_CARD)) return void Taro.navigateTo({ url: `/pages/elder/index?id=${encodeURIComponent(token.slice(ELDER_CARD.length))}` })
    const r = await scan.run(token)
    if (r) setDone(r.attendance)
  }
  const given = params.token ?? (params.scene ? decodeURIComponent(params.scene) : undefined)
  useEffect(() => {
    if (given) void submit(given)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [given])

  return (
    <PageShell title='扫码签到'>
      {done ? (
        <View className='yq-section'>
          <Done
            testId='scan-result'
            title={done.checkOutAt ? '签退成功' : '签到成功'}
            description={
              done.creditedMinutes !== undefined ? `本次可计 ${coins(done.creditedMinutes)} 时间币，社工审核后到账` : '活动结束时请扫签退码，服务时长从签到算起'
            }
          />
          <CellGroup>
            <Cell title='活动' extra={done.activityTitle} />
            {forUserId ? <Cell title='代谁扫码' extra={done.userName} /> : null}
            <Cell title='签到' extra={shortTime(done.checkInAt)} />
            {done.checkOutAt ? <Cell title='签退' extra={shortTime(done.checkOutAt)} /> : null}
          </CellGroup>
          {done.flags.includes('no-location') ? (
            <View className='yq-warning' data-testid='no-location'>
              <Text className='yq-text'>这次已记下，但这个活动要核对位置，没有位置的记录需要社工核对后才计时。</Text>
              <Text className='yq-text'>{howToAllow(noPosition ?? 'unavailable')}</Text>
              {noPosition === 'denied' && openLocationSettings ? (
                <View className='yq-actions'>
                  <Button block onClick={() => void openLocationSettings?.()}>
                    去开启定位
                  </Button>
                </View>
              ) : null}
            </View>
          ) : null}
          <View className='yq-actions'>
            <Button type='primary' size='large' block onClick={() => setDone(undefined)}>
              继续扫码
            </Button>
            <Button block onClick={() => void Taro.navigateTo({ url: '/pages/my-hours/index' })}>
              查看我的服务时长
            </Button>
          </View>
        </View>
      ) : (
        <View className='yq-section'>
          <Text className='yq-section__title'>扫描活动现场的二维码</Text>
          <Text className='yq-muted'>签到码和签退码每 30 秒更换，请扫描屏幕上正在显示的码。</Text>
          <ForWhom elders={elders} value={forUserId} onChange={setForUserId} label='为谁扫码' />
          <FieldError message={scan.error} testId='scan-error' />
          <Scanner onCode={submit} busy={scan.busy} />
        </View>
      )}
    </PageShell>
  )
}
