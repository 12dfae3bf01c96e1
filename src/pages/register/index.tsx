import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { ElderSwitch } from '../../components/elder-switch'
import { FieldError } from '../../components/field-error'
import { ChoiceField, TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { ErrorView, Loading } from '../../components/states'
import { ToggleRow } from '../../components/toggle'
import { Button } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'

/** First visit of a WeChat user: 长辈模式 first, then name, phone, community, and whether to volunteer. */
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
  const [communityId, setCommunityId] = useState<string | undefined>(undefined)
  const [volunteer, setVolunteer] = useState(true)
  const [missing, setMissing] = useState<string | undefined>(undefined)
  const list = communities.data?.items ?? []
  const register = useAction((requestId) => call('account', 'register', { name, phone, communityId: communityId ?? '', volunteer }, { requestId }), {
    shownFields: ['name', 'phone', 'communityId'],
    successToast: '注册成功',
  })
  const fields: Record<string, string> = { ...register.fields, ...(missing ? { communityId: missing } : {}) }

  const submit = async () => {
    // The one thing the form knows before asking: nothing was picked from the list.
    setMissing(communityId ? undefined : '请选择您住的社区')
    if (!communityId) return
    if (await register.run()) void Taro.reLaunch({ url: '/pages/home/index' })
  }

  return (
    <PageShell title='注册'>
      <ElderSwitch />
      <View className='yq-section'>
        <Text className='yq-section__title'>欢迎来到益圈</Text>
        <Text className='yq-muted'>填写基本信息后就可以参加社区志愿服务、积攒时间币。</Text>
        {communities.loading ? <Loading /> : null}
        {communities.error ? <ErrorView message={communities.error.message} onRetry={communities.reload} /> : null}

        <TextField label='姓名' value={name} placeholder='请填写真实姓名' onChange={setName} error={fields.name} maxLength={20} />
        <TextField label='手机号' value={phone} type='number' maxLength={11} placeholder='11 位手机号' onChange={setPhone} error={fields.phone} />
        <ChoiceField
          label='所在社区'
          title='选择您住的社区'
          options={list.map((c) => ({ label: c.name, value: c.id }))}
          value={communityId}
          onChange={setCommunityId}
          placeholder='点这里选择社区'
          error={fields.communityId}
        />
        <ToggleRow
          className='register__volunteer'
          testId='volunteer-switch'
          title='我愿意做志愿者'
          hint='参加社区活动，服务时长换成时间币'
          on={volunteer}
          onChange={setVolunteer}
        />

        <FieldError message={register.error} />
        <View className='yq-actions'>
          <Button type='primary' size='large' block loading={register.busy} onClick={submit}>
            完成注册
          </Button>
        </View>
      </View>
    </PageShell>
  )
}
