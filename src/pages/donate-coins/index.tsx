import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { QueryStates } from '../../components/states'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins } from '../../utils/format'
import './index.css'

const CHOICES = [30, 60, 120]

/** One screen, one action: choose an amount, give it to my community's pool. */
export default function DonateCoins() {
  const me = useQuery(() => call('account', 'me'))
  const [minutes, setMinutes] = useState(60)
  const [done, setDone] = useState<number | undefined>(undefined)
  // One requestId per intended donation (useAction): a retry after a lost answer cannot donate twice.
  const donate = useAction((requestId) => call('donate', 'coins', { poolCommunityId: me.data!.user.communityId, amountMinutes: minutes }, { requestId }), {
    successToast: '谢谢您的爱心',
  })
  const submit = async () => {
    const r = await donate.run()
    if (r) setDone(r.balanceMinutes)
  }

  return (
    <PageShell>
      <QueryStates query={me} />
      {me.data && done === undefined ? (
        <View className='yq-card'>
          <Text className='yq-card__title'>捐给{me.data.user.communityName}公益池</Text>
          <Text className='yq-muted'>现有 {coins(me.data.walletMinutes)} 时间币</Text>
          <View className='donate__choices'>
            {CHOICES.map((m) => (
              <View key={m} className={`donate__choice ${m === minutes ? 'donate__choice--on' : ''}`} onClick={() => setMinutes(m)}>
                <Text>{coins(m)} 币</Text>
              </View>
            ))}
          </View>
          <FieldError message={donate.error} />
          <Button className='yq-button' loading={donate.busy} disabled={donate.busy} onClick={submit}>
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
