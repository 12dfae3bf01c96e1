import Taro from '@tarojs/taro'
import { View, Text, Input, Picker, Switch, Button } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { ErrorView, Loading } from '../../components/states'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import './index.css'

/** First visit of a WeChat user: name, phone, community, and whether to volunteer. */
export default function Register() {
  // Every page of communities (a city may have many), in pinyin order, the way people look for a name.
  const communities = useQuery(async () => {
    const items = []
    let cursor: string | undefined
    do {
      const page = await call('account', 'communities', cursor ? { cursor } : {})
      items.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return { items: items.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN')) }
  })
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [index, setIndex] = useState(-1)
  const [volunteer, setVolunteer] = useState(true)
  const [missing, setMissing] = useState<string | undefined>(undefined)
  const list = communities.data?.items ?? []
  const register = useAction((requestId) => call('account', 'register', { name, phone, communityId: list[index]?.id ?? '', volunteer }, { requestId }), {
    shownFields: ['name', 'phone', 'communityId'],
  })
  const fields: Record<string, string> = { ...register.fields, ...(missing ? { communityId: missing } : {}) }

  const submit = async () => {
    // The one thing the form knows before asking: nothing was picked from the list.
    setMissing(index < 0 ? '请选择您住的社区' : undefined)
    if (index < 0) return
    if (await register.run()) void Taro.reLaunch({ url: '/pages/home/index' })
  }

  return (
    <PageShell>
      <View className='yq-card'>
        <Text className='yq-card__title'>欢迎来到益圈</Text>
        <Text className='yq-muted'>填写基本信息后就可以参加社区志愿服务、积攒时间币。</Text>
        {communities.loading ? <Loading /> : null}
        {communities.error ? <ErrorView message={communities.error.message} onRetry={communities.reload} /> : null}

        <Text className='yq-label'>姓名</Text>
        <Input className='yq-input' value={name} placeholder='请填写真实姓名' onInput={(e) => setName(e.detail.value)} />
        <FieldError message={fields.name} />

        <Text className='yq-label'>手机号</Text>
        <Input className='yq-input' type='number' maxlength={11} value={phone} placeholder='11 位手机号' onInput={(e) => setPhone(e.detail.value)} />
        <FieldError message={fields.phone} />

        <Text className='yq-label'>所在社区</Text>
        <Picker mode='selector' range={list.map((c) => c.name)} value={Math.max(0, index)} onChange={(e) => setIndex(Number(e.detail.value))}>
          <View className='yq-input register__picker'>{index >= 0 ? list[index]?.name : '点这里选择社区'}</View>
        </Picker>
        <FieldError message={fields.communityId} />

        <View className='yq-row register__volunteer'>
          <Text>我愿意做志愿者</Text>
          <Switch checked={volunteer} color='#c2410c' onChange={(e) => setVolunteer(e.detail.value)} />
        </View>

        <FieldError message={register.error} />
        <Button className='yq-button' loading={register.busy} disabled={register.busy} onClick={submit}>
          完成注册
        </Button>
      </View>
    </PageShell>
  )
}
