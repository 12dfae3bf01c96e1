import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { FileRef } from '@contract'
import { call } from '../../api/client'
import { useConfirm } from '../../components/confirm'
import { FieldError } from '../../components/field-error'
import { TextAreaField } from '../../components/form'
import { PageShell } from '../../components/page-shell'
import { PhotoPicker } from '../../components/photos'
import { Button } from '../../components/ui'
import { useAction } from '../../hooks/use-action'

/** Staff tell the public how a micro-project is going (at least every three months), or close it with its report (`?close=1`). */
export default function FundUpdate() {
  const { id = '', close } = useRouter().params
  const closing = close === '1'
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<FileRef[]>([])
  const { confirm, dialog } = useConfirm()
  const fileIds = photos.map((p) => p.fileId)
  const post = useAction(
    (requestId) =>
      closing
        ? call('fund', 'close', { projectId: id, report: text, photos: fileIds }, { requestId })
        : call('fund', 'update', { projectId: id, text, photos: fileIds }, { requestId }),
    { shownFields: ['text', 'report', 'photos'], successToast: closing ? '已结项' : '已发布' },
  )
  const submit = async () => {
    const ask = closing
      ? { title: '确认结项？', content: '结项后项目不再收捐赠、不再支出，结项报告公开。', confirmText: '确认结项' }
      : { title: '发布进展？', content: '发布后所有人都能在项目页面看到。', confirmText: '发布' }
    if (!(await confirm(ask))) return
    const r = await post.run()
    if (r) void Taro.redirectTo({ url: `/pages/project/index?id=${id}` })
  }
  return (
    <PageShell title={closing ? '结项' : '发布进展'}>
      {dialog}
      <View className='yq-section'>
        <TextAreaField
          label={closing ? '结项报告' : '进展'}
          value={text}
          placeholder={closing ? '做了什么，帮到了谁，钱怎么花的，余款怎么处理' : '这段时间做了什么，帮到了谁'}
          onChange={setText}
          error={closing ? post.fields.report : post.fields.text}
          maxLength={closing ? 3000 : 1000}
        />
        <PhotoPicker label='照片（选填）' value={photos} onChange={setPhotos} error={post.fields.photos} />
      </View>
      <View className='yq-section'>
        <FieldError message={post.error} />
        <Button type='primary' size='large' block loading={post.busy} onClick={() => !post.busy && void submit()}>
          {closing ? '结项' : '发布'}
        </Button>
        {closing ? null : <Text className='yq-muted'>项目每三个月至少公示一次进展。</Text>}
      </View>
    </PageShell>
  )
}
