import Taro from '@tarojs/taro'
import { View, Text, Input, Picker, Button } from '@tarojs/components'
import { useState } from 'react'
import type { OutputOf } from '@contract'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'

type Match = OutputOf<'account', 'lookup'>['items'][number]

/**
 * The street admin registers a merchant: name, address, community, and its operators, found
 * by phone — every person with that number is listed (a family may share one), and staff
 * pick the right one; a managed account cannot be picked (it can only be a resident).
 */
export default function MerchantNew() {
  const communities = useQuery(() => call('account', 'communities'))
  const [matches, setMatches] = useState<Match[]>([])
  const [name, setName] = useState('')
  const [address, setAddress] = useState('')
  const [index, setIndex] = useState(-1)
  const [phone, setPhone] = useState('')
  const [operators, setOperators] = useState<Array<{ id: string; name: string }>>([])
  const lookup = useAction((_requestId, p: string) => call('account', 'lookup', { phone: p }))
  const list = communities.data?.items ?? []
  const create = useAction((requestId) =>
    call('redeem', 'onboardMerchant', { name, address, communityId: list[index]?.id ?? '', operatorIds: operators.map((o) => o.id) }, { requestId }),
  )
  const find = async () => {
    const r = await lookup.run(phone)
    setMatches(r?.items ?? [])
  }
  const pick = (m: Match) => {
    if (!operators.some((o) => o.id === m.id)) setOperators([...operators, { id: m.id, name: m.name }])
    setMatches([])
    setPhone('')
  }
  return (
    <PageShell>
      <View className='yq-card'>
        <Text className='yq-label'>商户名称</Text>
        <Input className='yq-input' value={name} placeholder='例如：朝阳门生活超市' onInput={(e) => setName(e.detail.value)} />
        <Text className='yq-label'>地址</Text>
        <Input className='yq-input' value={address} placeholder='例如：朝阳门南小街 12 号' onInput={(e) => setAddress(e.detail.value)} />
        <Text className='yq-label'>所在社区</Text>
        <Picker mode='selector' range={list.map((c) => c.name)} value={Math.max(0, index)} onChange={(e) => setIndex(Number(e.detail.value))}>
          <View className='yq-input'>{index >= 0 ? list[index]?.name : '点这里选择社区'}</View>
        </Picker>
        <Text className='yq-label'>店员（输入手机号查找）</Text>
        <Input className='yq-input' type='number' maxlength={11} value={phone} placeholder='店员的手机号' onInput={(e) => setPhone(e.detail.value)} />
        <FieldError message={lookup.error} />
        <Button className='yq-button yq-button--ghost' disabled={lookup.busy || phone.length !== 11} onClick={find}>
          查找
        </Button>
        {matches.length > 0 ? <Text className='yq-muted'>找到 {matches.length} 位，请核对后选择：</Text> : null}
        {matches.map((m) => (
          <View key={m.id} className='yq-card' data-testid='lookup-match'>
            <Text className='yq-card__title'>{m.name}</Text>
            <Text className='yq-muted'>
              {m.communityName}
              {m.birthYear ? ` · ${m.birthYear} 年生` : ''} · {m.since} 注册{m.managed ? ' · 代管账户（没有微信，不能当店员）' : ''}
            </Text>
            {m.managed ? null : (
              <Button className='yq-button yq-button--ghost' onClick={() => pick(m)}>
                选这一位
              </Button>
            )}
          </View>
        ))}
        <View style={{ marginTop: '12px' }}>
          {operators.map((o) => (
            <Text key={o.id} className='yq-chip' onClick={() => setOperators(operators.filter((x) => x.id !== o.id))}>
              {o.name} ✕
            </Text>
          ))}
        </View>
        <FieldError message={create.error} />
        <Button
          className='yq-button'
          disabled={create.busy || index < 0 || operators.length === 0}
          loading={create.busy}
          onClick={async () => (await create.run()) && void Taro.navigateBack()}
        >
          登记商户
        </Button>
      </View>
    </PageShell>
  )
}
