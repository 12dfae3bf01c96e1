import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { useRef, useState } from 'react'
import { call, newRequestId, ApiCallError } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { ErrorView, Loading } from '../../components/states'
import { useQuery } from '../../hooks/use-query'
import { coins } from '../../utils/format'
import './index.css'

const CHOICES = [30, 60, 120]

/** One screen, one action: choose an amount, give it to my community's pool. */
export default function DonateCoins() {
  const me = useQuery(() => call('account', 'me'))
  const [minutes, setMinutes] = useState(60)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const [done, setDone] = useState<number | undefined>(undefined)
  // One requestId per intended donation: a retry after a lost answer cannot donate twice.
  const requestId = useRef(newRequestId())

  const choose = (m: number) => {
    setMinutes(m)
    setError(undefined)
    requestId.current = newRequestId()
  }

  const submit = async () => {
    if (!me.data) return
    setBusy(true)
    setError(undefined)
    try {
      const r = await call('donate', 'coins', { poolCommunityId: me.data.user.communityId, amountMinutes: minutes }, { requestId: requestId.current })
      setDone(r.balanceMinutes)
      void Taro.showToast({ title: '谢谢您的爱心', icon: 'success' })
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : '捐赠没有成功，请再试一次')
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell>
      {me.loading && !me.data ? <Loading /> : null}
      {me.error ? <ErrorView message={me.error.message} onRetry={me.reload} /> : null}
      {me.data && done === undefined ? (
        <View className='yq-card'>
          <Text className='yq-card__title'>捐给{me.data.user.communityName}公益池</Text>
          <Text className='yq-muted'>现有 {coins(me.data.walletMinutes)} 时间币</Text>
          <View className='donate__choices'>
            {CHOICES.map((m) => (
              <View key={m} className={`donate__choice ${m === minutes ? 'donate__choice--on' : ''}`} onClick={() => choose(m)}>
                <Text>{coins(m)} 币</Text>
              </View>
            ))}
          </View>
          {error ? <Text className='yq-field-error'>{error}</Text> : null}
          <Button className='yq-button' loading={busy} disabled={busy} onClick={submit}>
            确认捐出 {coins(minutes)} 时间币
          </Button>
        </View>
      ) : null}
      {done !== undefined ? (
        <View className='yq-card'>
          <Text className='yq-card__title'>捐赠成功，谢谢您！</Text>
          <Text className='yq-muted'>现在还有 {coins(done)} 时间币</Text>
          <Button className='yq-button' onClick={() => void Taro.reLaunch({ url: '/pages/home/index' })}>
            回到首页
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
