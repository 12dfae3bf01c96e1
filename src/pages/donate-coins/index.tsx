import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { ForWhom } from '../../components/for-whom'
import { PageShell } from '../../components/page-shell'
import { Done, QueryStates } from '../../components/states'
import { Button, Segmented } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { coins } from '../../utils/format'

const CHOICES = [30, 60, 120]

/** One screen, one action: choose an amount, confirm, give it to my community's pool — or to a micro-project (`?projectId=`). */
export default function DonateCoins() {
  const projectId = useRouter().params.projectId
  const me = useQuery(() => call('account', 'me'))
  const project = useQuery(() => (projectId ? call('fund', 'project', { projectId }) : Promise.resolve(undefined)), [projectId])
  const [minutes, setMinutes] = useState(60)
  const [anonymous, setAnonymous] = useState(false)
  // A proxy may give an elder's coins (the 钱包 scope); both are recorded.
  const [forUserId, setForUserId] = useState<string | undefined>(undefined)
  const elders = (me.data?.elders ?? []).filter((e) => e.scopes.includes('wallet'))
  const forName = elders.find((e) => e.id === forUserId)?.name
  const [done, setDone] = useState<number | undefined>(undefined)
  const { confirm, dialog } = useConfirm()
  // One requestId per intended donation (useAction): a retry after a lost answer cannot donate twice.
  const target = projectId ? { projectId } : { poolCommunityId: me.data?.user.communityId ?? '' }
  const donate = useAction(
    (requestId) =>
      call('donate', 'coins', { ...target, amountMinutes: minutes, ...(anonymous ? { anonymous } : {}), ...(forUserId ? { forUserId } : {}) }, { requestId }),
    {
      successToast: '谢谢您',
    },
  )
  const to = projectId ? `《${project.data?.project.title ?? '微项目'}》` : `${me.data?.user.communityName ?? '社区'}公益池`
  const submit = async () => {
    const yes = await confirm({
      title: '确认捐出？',
      content: `${forName ? `用${forName}的 ` : '把 '}${coins(minutes)} 时间币捐给${to}。捐出后不能退回。`,
      confirmText: '确认捐出',
    })
    if (!yes) return
    const r = await donate.run()
    if (r) setDone(r.balanceMinutes)
  }

  return (
    <PageShell title='捐时间币'>
      {dialog}
      <QueryStates query={me} />
      {me.data && done === undefined ? (
        <View className='yq-section'>
          <Text className='yq-section__title'>捐给{to}</Text>
          <ForWhom elders={elders} value={forUserId} onChange={setForUserId} label='用谁的时间币' />
          <Text className='yq-muted'>{forName ? `用${forName}的时间币。选一个数目：` : `现有 ${coins(me.data.walletMinutes)} 时间币。选一个数目：`}</Text>
          <Segmented
            className='yq-segmented donate__choices'
            value={minutes}
            options={CHOICES.map((m) => ({ label: `${coins(m)} 币`, value: m }))}
            onChange={(v) => setMinutes(Number(v))}
          />
          <Segmented
            className='yq-segmented'
            value={anonymous ? 'anon' : 'named'}
            options={[
              { label: '上感谢榜', value: 'named' },
              { label: '匿名', value: 'anon' },
            ]}
            onChange={(v) => setAnonymous(v === 'anon')}
          />
          <FieldError message={donate.error} />
          <Button type='primary' size='large' block loading={donate.busy} onClick={submit}>
            捐出 {coins(minutes)} 时间币
          </Button>
        </View>
      ) : null}
      {done !== undefined ? (
        <View className='yq-section'>
          <Done title='捐赠成功，谢谢您！' description={`现在还有 ${coins(done)} 时间币`} />
          <Button type='primary' size='large' block onClick={() => void Taro.reLaunch({ url: '/pages/home/index' })}>
            回到首页
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
