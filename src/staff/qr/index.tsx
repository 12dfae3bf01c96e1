import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { call, ApiCallError } from '../../api/client'
import { CodeText } from '../../components/code-text'
import { QrImage } from '../../components/qr-image'
import { PageShell } from '../../components/page-shell'
import { Loading } from '../../components/states'
import './index.css'

interface Shown {
  token: string
  refreshInSeconds: number
  checkedIn: number
  checkedOut: number
}

/**
 * The staff screen at the door: the rotating code (a new one every 30 s, fetched before the
 * old one runs out), a visible countdown, and how many people are in and out so far.
 */
export default function QrScreen() {
  const { id = '', kind = 'in' } = useRouter().params
  const k = kind === 'out' ? 'out' : 'in'
  const [shown, setShown] = useState<Shown | undefined>(undefined)
  const [left, setLeft] = useState(0)
  const [error, setError] = useState<string | undefined>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => {
    let alive = true
    const load = async () => {
      try {
        const r = await call('checkin', 'qr', { activityId: id, kind: k })
        if (!alive) return
        setShown({ token: r.token, refreshInSeconds: r.refreshInSeconds, checkedIn: r.checkedIn, checkedOut: r.checkedOut })
        setLeft(r.refreshInSeconds)
        setError(undefined)
        timer.current = setTimeout(load, r.refreshInSeconds * 1000)
      } catch (e) {
        if (!alive) return
        setError(e instanceof ApiCallError ? e.message : '取码失败，正在重试')
        timer.current = setTimeout(load, 3000)
      }
    }
    void load()
    const tick = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000)
    return () => {
      alive = false
      clearTimeout(timer.current)
      clearInterval(tick)
    }
  }, [id, k])

  return (
    <PageShell title={k === 'in' ? '签到码' : '签退码'}>
      <View className='yq-section qr'>
        <Text className='qr__title'>{k === 'in' ? '请扫码签到' : '请扫码签退'}</Text>
        {!shown && !error ? <Loading /> : null}
        {error ? <Text className='yq-warning'>{error}</Text> : null}
        {shown ? <QrImage content={shown.token} testId='qr-image' label={k === 'in' ? '签到二维码' : '签退二维码'} /> : null}
        {shown ? <CodeText code={shown.token} /> : null}
        {shown ? <Text className='qr__countdown'>{left} 秒后自动更换</Text> : null}
        {shown ? (
          <View className='qr__counts'>
            <Text data-testid='qr-checked-in'>已签到 {shown.checkedIn} 人</Text>
            <Text data-testid='qr-checked-out'>已签退 {shown.checkedOut} 人</Text>
          </View>
        ) : null}
      </View>
    </PageShell>
  )
}
