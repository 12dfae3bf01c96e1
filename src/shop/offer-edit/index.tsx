import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Input, Button } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { PageShell } from '../../components/page-shell'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'

/** Put an offer on sale or change one: title, note, price (in 时间币), stock, monthly limit. */
export default function OfferEdit() {
  const id = useRouter().params.id
  const existing = useQuery(async () => (id ? (await call('redeem', 'offer', { offerId: id })).offer : undefined), [id])
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [price, setPrice] = useState('')
  const [stock, setStock] = useState('')
  const [limit, setLimit] = useState('')
  useEffect(() => {
    const o = existing.data
    if (!o) return
    setTitle(o.title)
    setDescription(o.description ?? '')
    setPrice(String(o.priceMinutes / 60))
    setStock(String(o.stock))
    setLimit(o.perPersonMonthlyLimit ? String(o.perPersonMonthlyLimit) : '')
  }, [existing.data])
  const fields = {
    title,
    ...(description ? { description } : {}),
    // Price is typed in 时间币 and sent in whole minutes; the contract checks the numbers.
    priceMinutes: Math.round(Number(price) * 60),
    stock: Number(stock),
    ...(limit ? { perPersonMonthlyLimit: Number(limit) } : {}),
  }
  const save = useAction(
    (requestId) => (id ? call('redeem', 'updateOffer', { offerId: id, ...fields }, { requestId }) : call('redeem', 'createOffer', fields, { requestId })),
    { shownFields: ['title', 'description', 'priceMinutes', 'stock', 'perPersonMonthlyLimit'] },
  )
  return (
    <PageShell>
      <View className='yq-card'>
        <Text className='yq-label'>商品名称</Text>
        <Input className='yq-input' value={title} placeholder='例如：鲜鸡蛋一盒' onInput={(e) => setTitle(e.detail.value)} />
        <FieldError message={save.fields.title} />
        <Text className='yq-label'>说明（选填）</Text>
        <Input className='yq-input' value={description} placeholder='例如：每天上午可兑换' onInput={(e) => setDescription(e.detail.value)} />
        <FieldError message={save.fields.description} />
        <Text className='yq-label'>价格（时间币）</Text>
        <Input className='yq-input' type='digit' value={price} placeholder='例如 1 或 0.5' onInput={(e) => setPrice(e.detail.value)} />
        <FieldError message={save.fields.priceMinutes} />
        <Text className='yq-label'>库存</Text>
        <Input className='yq-input' type='number' value={stock} placeholder='例如 20' onInput={(e) => setStock(e.detail.value)} />
        <FieldError message={save.fields.stock} />
        <Text className='yq-label'>每人每月限兑次数（选填）</Text>
        <Input className='yq-input' type='number' value={limit} placeholder='不填表示不限' onInput={(e) => setLimit(e.detail.value)} />
        <FieldError message={save.fields.perPersonMonthlyLimit} />
        <FieldError message={save.error} />
        <Button className='yq-button' loading={save.busy} disabled={save.busy} onClick={async () => (await save.run()) && void Taro.navigateBack()}>
          {id ? '保存修改' : '上架'}
        </Button>
      </View>
    </PageShell>
  )
}
