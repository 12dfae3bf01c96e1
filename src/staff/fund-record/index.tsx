import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { CHANNEL_LABELS, type Channel } from '@contract'
import { call } from '../../api/client'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { ChoiceField, Field, TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { Button, Segmented } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { fenOf, yuan } from '../../utils/format'

const NOT_MONEY = '请填写金额，例如 1200 或 35.5（最多两位小数）'
const CHANNELS = (Object.keys(CHANNEL_LABELS) as Channel[]).map((value) => ({ label: CHANNEL_LABELS[value], value }))

/**
 * Staff record a donation to a micro-project: money (donor or 匿名, amount in 元, how it came,
 * the receipt number) or goods (what, and what it is worth). The app records money; it never
 * collects it.
 */
export default function FundRecord() {
  const id = useRouter().params.id ?? ''
  const [kind, setKind] = useState<'money' | 'goods'>('money')
  const [donor, setDonor] = useState('')
  const [anonymous, setAnonymous] = useState(false)
  const [amount, setAmount] = useState('')
  const [goods, setGoods] = useState('')
  const [channel, setChannel] = useState<Channel | undefined>(undefined)
  const [receiptNo, setReceiptNo] = useState('')
  const [typo, setTypo] = useState<string | undefined>(undefined)
  const { confirm, dialog } = useConfirm()
  const fen = amount.trim() === '' ? 0 : fenOf(amount)
  const save = useAction(
    (requestId) =>
      call(
        'fund',
        'record',
        {
          projectId: id,
          kind,
          ...(anonymous ? { anonymous: true } : { donorName: donor }),
          ...(kind === 'money' ? { amountFen: fen } : { goods, valueFen: fen }),
          // Not chosen yet: sent empty, so the answer says to choose it, next to the field.
          channel: (channel ?? '') as Channel,
          ...(receiptNo.trim() ? { receiptNo } : {}),
        },
        { requestId },
      ),
    { shownFields: ['donorName', 'amountFen', 'valueFen', 'goods', 'channel', 'receiptNo'], successToast: '已登记' },
  )
  const submit = async () => {
    if (amount.trim() !== '' && Number.isNaN(fen)) return setTypo(NOT_MONEY)
    setTypo(undefined)
    const who = anonymous ? '匿名' : donor || '（未填捐赠人）'
    const what = kind === 'money' ? `捐款 ${yuan(fen)}` : `捐物「${goods}」，估价 ${yuan(fen)}`
    if (!(await confirm({ title: '确认登记？', content: `${who}：${what}。登记后公开在项目页面上。`, confirmText: '确认登记' }))) return
    const r = await save.run()
    if (r) void Taro.redirectTo({ url: `/pages/project/index?id=${id}` })
  }
  const f = save.fields
  return (
    <PageShell title='登记捐赠'>
      {dialog}
      <View className='yq-section'>
        <Field label='捐的是'>
          <Segmented
            className='yq-segmented'
            value={kind}
            options={[
              { label: '钱', value: 'money' },
              { label: '物品', value: 'goods' },
            ]}
            onChange={(v) => setKind(v as 'money' | 'goods')}
          />
        </Field>
        <Field label='捐赠人'>
          <Segmented
            className='yq-segmented'
            value={anonymous ? 'anon' : 'named'}
            options={[
              { label: '写名字', value: 'named' },
              { label: '匿名', value: 'anon' },
            ]}
            onChange={(v) => setAnonymous(v === 'anon')}
          />
        </Field>
        {anonymous ? null : <TextField label='捐赠人名字（个人或单位）' value={donor} placeholder='例如：新鲜物业' onChange={setDonor} error={f.donorName} />}
        {kind === 'goods' ? <TextField label='物品' value={goods} placeholder='例如：大米 20 袋' onChange={setGoods} error={f.goods} /> : null}
        <TextField
          label={kind === 'money' ? '金额（元）' : '估价（元）'}
          type='digit'
          value={amount}
          placeholder='例如 500'
          onChange={setAmount}
          error={typo ?? (kind === 'money' ? f.amountFen : f.valueFen)}
        />
        <ChoiceField label='怎么来的' title='选择渠道' options={CHANNELS} value={channel} onChange={setChannel} placeholder='请选择渠道' error={f.channel} />
        <TextField label='收据号（选填）' value={receiptNo} placeholder='例如：99GY-0001' onChange={setReceiptNo} error={f.receiptNo} />
      </View>
      <View className='yq-section'>
        <FieldError message={save.error} />
        <Button type='primary' size='large' block loading={save.busy} onClick={() => !save.busy && void submit()}>
          登记
        </Button>
        <Text className='yq-muted'>日期记为今天。钱不经过益圈，这里只做记录和公示。</Text>
      </View>
    </PageShell>
  )
}
