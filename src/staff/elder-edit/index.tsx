import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { QueryStates } from '../../components/states'
import { Button } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'

/** A managed account: new (no id) or edited. Phone and address are optional (a shared landline, or none). */
export default function ElderEdit() {
  const id = useRouter().params.id
  const me = useQuery(() => call('account', 'me'))
  const existing = useQuery(() => (id ? call('account', 'elder', { userId: id }) : Promise.resolve(undefined)), [id])
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [birthYear, setBirthYear] = useState('')
  const [address, setAddress] = useState('')
  const e = existing.data?.elder
  useEffect(() => {
    if (!e) return
    setName(e.name)
    setPhone(e.phone ?? '')
    setBirthYear(e.birthYear ? String(e.birthYear) : '')
    setAddress(e.address ?? '')
  }, [e])
  const communityId = me.data?.user.roles.find((r) => r.role === 'staff')?.scope ?? me.data?.user.communityId ?? ''
  const save = useAction(
    (requestId) =>
      id
        ? call('account', 'updateManaged', { userId: id, name, phone: phone || null, birthYear: Number(birthYear), address: address || null }, { requestId })
        : call(
            'account',
            'createManaged',
            { name, communityId, birthYear: Number(birthYear), ...(phone ? { phone } : {}), ...(address ? { address } : {}) },
            { requestId },
          ),
    { shownFields: ['name', 'phone', 'birthYear', 'address'], successToast: '已保存' },
  )
  const submit = async () => {
    const r = await save.run()
    if (r) void Taro.redirectTo({ url: `/pages/elder/index?id=${r.user.id}` })
  }
  const f = save.fields
  return (
    <PageShell title={id ? '修改代管账户' : '新建代管账户'}>
      <QueryStates query={id ? existing : me} />
      <View className='yq-section'>
        <TextField label='姓名' value={name} placeholder='例如：孙桂兰' onChange={setName} error={f.name} />
        <TextField label='出生年份' type='number' value={birthYear} placeholder='例如：1942' onChange={setBirthYear} error={f.birthYear} maxLength={4} />
        <TextField
          label='电话（选填）'
          type='number'
          value={phone}
          placeholder='11 位手机号'
          onChange={setPhone}
          error={f.phone}
          hint='可以填家里人共用的号码，不填也可以'
        />
        <TextField
          label='住址（选填）'
          value={address}
          placeholder='例如：新鲜胡同 5 号院 2 单元 301'
          onChange={setAddress}
          error={f.address}
          hint='发布求助时默认用这个地址'
        />
        <FieldError message={save.error} />
        <Button type='primary' size='large' block loading={save.busy} onClick={() => !save.busy && void submit()}>
          保存
        </Button>
      </View>
    </PageShell>
  )
}
