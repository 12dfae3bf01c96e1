import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { ChoiceField, TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { PersonPicker, type Picked } from '../../components/person-picker'
import { Button } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'

/**
 * The street admin registers a merchant: name, address, community, and its operators, found
 * by phone — every person with that number is listed (a family may share one), and staff
 * pick the right one; a managed account cannot be picked (it can only be a resident).
 */
export default function MerchantNew() {
  const communities = useQuery(() => call('account', 'communities'))
  const [name, setName] = useState('')
  const [address, setAddress] = useState('')
  const [communityId, setCommunityId] = useState<string | undefined>(undefined)
  const [operators, setOperators] = useState<Picked[]>([])
  const list = communities.data?.items ?? []
  const create = useAction(
    (requestId) => call('redeem', 'onboardMerchant', { name, address, communityId: communityId ?? '', operatorIds: operators.map((o) => o.id) }, { requestId }),
    { shownFields: ['name', 'address', 'communityId', 'operatorIds'], successToast: '已登记' },
  )
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
        <PersonPicker role='店员' picked={operators} onChange={setOperators} error={f.operatorIds} testId='operators' />
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
