import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { OutputOf } from '@contract'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { ChoiceField, Field, TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { Button, Cell, CellGroup, Tag } from '../../components/ui'
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
  const [communityId, setCommunityId] = useState<string | undefined>(undefined)
  const [phone, setPhone] = useState('')
  const [operators, setOperators] = useState<Array<{ id: string; name: string }>>([])
  const lookup = useAction((_requestId, p: string) => call('account', 'lookup', { phone: p }))
  const list = communities.data?.items ?? []
  const create = useAction(
    (requestId) => call('redeem', 'onboardMerchant', { name, address, communityId: communityId ?? '', operatorIds: operators.map((o) => o.id) }, { requestId }),
    { shownFields: ['name', 'address', 'communityId', 'operatorIds'], successToast: '已登记' },
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
  const f = create.fields
  return (
    <PageShell title='登记爱心商户'>
      <View className='yq-section'>
        <TextField label='商户名称' value={name} placeholder='例如：朝阳门生活超市' onChange={setName} error={f.name} />
        <TextField label='地址' value={address} placeholder='例如：朝阳门南小街 12 号' onChange={setAddress} error={f.address} />
        <ChoiceField
          label='所在社区'
          title='选择商户所在社区'
          options={list.map((c) => ({ label: c.name, value: c.id }))}
          value={communityId}
          onChange={setCommunityId}
          placeholder='点这里选择社区'
          error={f.communityId}
        />
        <TextField
          label='店员（输入手机号查找）'
          type='number'
          maxLength={11}
          value={phone}
          placeholder='店员的手机号'
          onChange={setPhone}
          error={lookup.error}
        />
        <View className='yq-actions'>
          <Button block loading={lookup.busy} disabled={phone.length !== 11} onClick={() => !lookup.busy && void find()}>
            查找
          </Button>
        </View>
        {matches.length > 0 ? (
          <CellGroup title={`找到 ${matches.length} 位，请核对后选择`}>
            {matches.map((m) => (
              <Cell
                key={m.id}
                title={
                  <Text data-testid='lookup-match' className='yq-strong'>
                    {m.name}
                  </Text>
                }
                description={`${m.communityName}${m.birthYear ? ` · ${m.birthYear} 年生` : ''} · ${m.since} 注册${m.managed ? ' · 代管账户（没有微信，不能当店员）' : ''}`}
                extra={
                  m.managed ? null : (
                    <Button size='small' type='primary' onClick={() => pick(m)}>
                      选这一位
                    </Button>
                  )
                }
              />
            ))}
          </CellGroup>
        ) : null}
        <Field label='已选店员' error={f.operatorIds}>
          <View className='yq-row yq-inline-actions' data-testid='operators'>
            {operators.length === 0 ? <Text className='yq-muted'>还没有选，用上面的手机号查找</Text> : null}
            {operators.map((o) => (
              <Tag key={o.id} type='primary' closeable onClose={() => setOperators(operators.filter((x) => x.id !== o.id))}>
                {o.name}
              </Tag>
            ))}
          </View>
        </Field>
        <FieldError message={create.error} />
        <View className='yq-actions'>
          <Button
            type='primary'
            size='large'
            block
            loading={create.busy}
            disabled={!communityId || operators.length === 0}
            onClick={async () => !create.busy && (await create.run()) && void Taro.navigateBack()}
          >
            登记商户
          </Button>
        </View>
      </View>
    </PageShell>
  )
}
