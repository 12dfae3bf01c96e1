import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { FileRef } from '@contract'
import { call } from '../../api/client'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { TextField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { PhotoPicker } from '../../components/photos'
import { QueryStates } from '../../components/states'
import { Button } from '../../components/ui'
import { useAction } from '../../hooks/use-action'
import { useQuery } from '../../hooks/use-query'
import { fenOf, yuan } from '../../utils/format'

const NOT_MONEY = '请填写金额，例如 1200 或 35.5（最多两位小数）'

/** Staff record a payment from a micro-project's money, with its receipt photos; never more than is left. */
export default function FundPay() {
  const id = useRouter().params.id ?? ''
  const q = useQuery(() => call('fund', 'project', { projectId: id }), [id])
  const [amount, setAmount] = useState('')
  const [purpose, setPurpose] = useState('')
  const [payee, setPayee] = useState('')
  const [photos, setPhotos] = useState<FileRef[]>([])
  const [typo, setTypo] = useState<string | undefined>(undefined)
  const { confirm, dialog } = useConfirm()
  const fen = amount.trim() === '' ? 0 : fenOf(amount)
  const pay = useAction(
    (requestId) => call('fund', 'disburse', { projectId: id, amountFen: fen, purpose, payee, evidence: photos.map((p) => p.fileId) }, { requestId }),
    { shownFields: ['amountFen', 'purpose', 'payee', 'evidence'], successToast: '已登记' },
  )
  const left = q.data?.project.money?.leftFen
  const submit = async () => {
    if (amount.trim() !== '' && Number.isNaN(fen)) return setTypo(NOT_MONEY)
    setTypo(undefined)
    if (
      !(await confirm({
        title: '确认登记支出？',
        content: `付给${payee || '（未填收款方）'} ${yuan(fen)}，用于${purpose || '（未填用途）'}。登记后公开，不能修改。`,
        confirmText: '确认登记',
      }))
    )
      return
    const r = await pay.run()
    if (r) void Taro.redirectTo({ url: `/pages/project/index?id=${id}` })
  }
  return (
    <PageShell title='登记支出'>
      {dialog}
      <QueryStates query={q} />
      <View className='yq-section'>
        {left !== undefined ? <Text className='yq-section__title' data-testid='left'>{`项目现有 ${yuan(left)}`}</Text> : null}
        <TextField label='金额（元）' type='digit' value={amount} placeholder='例如 1200' onChange={setAmount} error={typo ?? pay.fields.amountFen} />
        <TextField label='用途' value={purpose} placeholder='例如：生日会蛋糕' onChange={setPurpose} error={pay.fields.purpose} />
        <TextField label='收款方' value={payee} placeholder='例如：好味蛋糕店' onChange={setPayee} error={pay.fields.payee} />
        <PhotoPicker label='凭证照片（发票、收据）' value={photos} onChange={setPhotos} error={pay.fields.evidence} />
      </View>
      <View className='yq-section'>
        <FieldError message={pay.error} />
        <Button type='primary' size='large' block loading={pay.busy} onClick={() => !pay.busy && void submit()}>
          登记支出
        </Button>
      </View>
    </PageShell>
  )
}
