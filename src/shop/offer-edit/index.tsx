import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { call } from '../../api/client'
import { FieldError } from '../../components/field-error'
import { TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { Button } from '../../components/ui'
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
    { shownFields: ['title', 'description', 'priceMinutes', 'stock', 'perPersonMonthlyLimit'], successToast: id ? '已保存' : '已上架' },
  )
  const f = save.fields
  return (
    <PageShell title={id ? '修改商品' : '上架新商品'}>
      <View className='yq-section'>
        <TextField label='商品名称' value={title} placeholder='例如：鲜鸡蛋一盒' onChange={setTitle} error={f.title} />
        <TextField label='说明（选填）' value={description} placeholder='例如：每天上午可兑换' onChange={setDescription} error={f.description} />
        <TextField label='价格（时间币）' type='digit' value={price} placeholder='例如 1 或 0.5' onChange={setPrice} error={f.priceMinutes} />
        <TextField label='库存' type='number' value={stock} placeholder='例如 20' onChange={setStock} error={f.stock} />
        <TextField
          label='每人每月限兑次数（选填）'
          type='number'
          value={limit}
          placeholder='不填表示不限'
          onChange={setLimit}
          error={f.perPersonMonthlyLimit}
        />
        <FieldError message={save.error} />
        <View className='yq-actions'>
          <Button type='primary' size='large' block loading={save.busy} onClick={async () => (await save.run()) && void Taro.navigateBack()}>
            {id ? '保存修改' : '上架'}
          </Button>
        </View>
      </View>
    </PageShell>
  )
}
