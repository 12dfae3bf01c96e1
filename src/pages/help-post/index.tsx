import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { HELP_CATEGORY_LABELS, type HelpCategory, type HelpView } from '@contract'
import { call } from '../../api/client'
import { serverNow } from '../../api/server-clock'
import { FieldError } from '../../components/field-error'
import { ChoiceField, DateTimeField, TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { Done, QueryStates } from '../../components/states'
import { useSubscribe } from '../../components/subscribe'
import { Button } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { beijing, coins, fromPickerDate, pickerDate, spokenTime } from '../../utils/format'
import './index.css'

/** What each tile fills in, so an elder only has to press 发布. */
const DEFAULT_TEXT: Record<HelpCategory, string> = {
  chat: '陪我聊聊天',
  shopping: '帮忙买菜',
  meal: '帮忙取饭送到家',
  medical: '陪我去医院看病',
  cleaning: '帮忙打扫屋子',
  haircut: '上门理发',
  other: '需要帮一点小忙',
}
const HOURS = ['1', '2', '3'] as const
const REWARDS = ['30', '60', '120'] as const

/** Tomorrow at 9:00 Beijing time, as a picker date. */
const tomorrowMorning = (): Date => pickerDate(beijing(serverNow()).add(1, 'day').hour(9).minute(0).second(0).millisecond(0).toDate())

/**
 * 求助 for an elder (or oneself): big tiles, then a form already filled in, then one press.
 * Three taps from the home screen: 帮TA求助, a tile, 发布.
 */
export default function HelpPost() {
  const forUserId = useRouter().params.for
  const me = useQuery(() => call('account', 'me'))
  const elder = useQuery(() => (forUserId ? call('account', 'elder', { userId: forUserId }) : Promise.resolve(undefined)), [forUserId])
  const [category, setCategory] = useState<HelpCategory | undefined>(undefined)
  const [description, setDescription] = useState('')
  const [when, setWhen] = useState(tomorrowMorning)
  const [hours, setHours] = useState<(typeof HOURS)[number]>('1')
  const [reward, setReward] = useState<(typeof REWARDS)[number]>('60')
  const [area, setArea] = useState('')
  const [address, setAddress] = useState('')
  const [posted, setPosted] = useState<HelpView | undefined>(undefined)
  const home = elder.data?.elder.address
  useEffect(() => {
    if (!home) return
    setAddress((a) => a || home)
    setArea((a) => a || (home.split(' ')[0] ?? home))
  }, [home])
  const who = forUserId ? (elder.data?.elder.name ?? '') : (me.data?.user.name ?? '')
  const post = useAction(
    (requestId) =>
      call(
        'help',
        'post',
        {
          category: category!,
          description,
          when: fromPickerDate(when),
          durationMinutes: Number(hours) * 60,
          place: { area, address },
          rewardMinutes: Number(reward),
          ...(forUserId ? { forUserId } : {}),
        },
        { requestId },
      ),
    { shownFields: ['description', 'when', 'durationMinutes', 'place.area', 'place.address', 'rewardMinutes'], successToast: '已发布' },
  )
  const choose = (c: HelpCategory) => {
    setCategory(c)
    setDescription(DEFAULT_TEXT[c])
  }
  const subscribe = useSubscribe('help')
  const submit = async () => {
    subscribe()
    const r = await post.run()
    if (r) setPosted(r.help)
  }
  const f = post.fields
  const min = pickerDate(beijing(serverNow()).toDate())
  const max = pickerDate(beijing(serverNow()).add(60, 'day').toDate())

  if (posted) {
    const words = `${forUserId ? `已为${posted.requesterName}发布` : '已发布'}：${posted.description}，${spokenTime(posted.when, serverNow().toISOString())}，${coins(posted.rewardMinutes)} 时间币已预留`
    return (
      <PageShell title='求助已发布'>
        <View className='yq-section'>
          <Done title={words} description='有志愿者接单后会通知您；没人接的话，到时间会自动退回时间币。' testId='help-posted' />
          <Button type='primary' size='large' block onClick={() => void Taro.redirectTo({ url: `/pages/help-detail/index?id=${posted.id}` })}>
            查看求助
          </Button>
          <View className='yq-actions'>
            <Button block onClick={() => void Taro.reLaunch({ url: '/pages/home/index' })}>
              回到首页
            </Button>
          </View>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell title={who ? `为${forUserId ? who : '自己'}求助` : '求助'}>
      <QueryStates query={forUserId ? elder : me} />
      {!category ? (
        <View className='yq-section'>
          <Text className='yq-section__title'>需要什么帮助？</Text>
          <View className='help-tiles'>
            {(Object.keys(HELP_CATEGORY_LABELS) as HelpCategory[]).map((c) => (
              <Button key={c} block onClick={() => choose(c)} data-testid={`tile-${c}`}>
                {HELP_CATEGORY_LABELS[c]}
              </Button>
            ))}
          </View>
        </View>
      ) : (
        <View className='yq-section'>
          <Text className='yq-section__title'>{HELP_CATEGORY_LABELS[category]}</Text>
          <TextField label='需要帮什么' value={description} placeholder='说说需要帮什么' onChange={setDescription} error={f.description} />
          <DateTimeField label='什么时候' title='选择时间' value={when} min={min} max={max} onChange={setWhen} error={f.when} testId='help-when' />
          <ChoiceField
            label='大约多久'
            title='大约多久'
            options={HOURS.map((h) => ({ label: `${h} 小时`, value: h }))}
            value={hours}
            onChange={setHours}
            placeholder='选择'
          />
          <TextField label='在哪里（只显示到小区或楼号）' value={area} placeholder='例如：新鲜胡同 5 号院' onChange={setArea} error={f['place.area']} />
          <TextField
            label='详细地址（只给接单的志愿者看）'
            value={address}
            placeholder='例如：5 号院 2 单元 301'
            onChange={setAddress}
            error={f['place.address']}
          />
          <ChoiceField
            label='酬谢多少时间币'
            title='酬谢多少时间币'
            options={REWARDS.map((r) => ({ label: `${coins(Number(r))} 时间币`, value: r }))}
            value={reward}
            onChange={setReward}
            placeholder='选择'
          />
          <FieldError message={post.error && post.error.includes('余额不足') ? `${post.error}。社区社工可以从公益池补助。` : post.error} />
          <Button type='primary' size='large' block loading={post.busy} onClick={() => !post.busy && void submit()}>
            发布
          </Button>
          <View className='yq-actions'>
            <Button block onClick={() => setCategory(undefined)}>
              换一类
            </Button>
          </View>
        </View>
      )}
    </PageShell>
  )
}
