import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { call } from '../../api/client'
import { PageShell } from '../../components/page-shell'
import { PRINT_LABEL, printPage } from '../../components/print'
import { QrImage } from '../../components/qr-image'
import { QueryStates } from '../../components/states'
import { Button } from '../../components/ui'
import { useQuery } from '../../hooks/use-query'

/**
 * A card for the desk or the elder's wall: who they are, whom to call, and a QR that the 益圈
 * scanner opens as this elder's page (for staff, or a proxy who holds them; anyone else is told
 * they may ask to become a proxy).
 */
export default function ElderCard() {
  const id = useRouter().params.id ?? ''
  const q = useQuery(() => call('account', 'elder', { userId: id }), [id])
  const d = q.data
  return (
    <PageShell title='长者联系卡'>
      <QueryStates query={q} />
      {d ? (
        <View className='yq-section' data-testid='elder-card'>
          <Text className='yq-section__title'>{d.elder.name}</Text>
          <Text className='yq-muted'>{d.elder.communityName}</Text>
          {d.staffPhone ? <Text className='yq-strong'>社区社工电话：{d.staffPhone}</Text> : null}
          <QrImage content={`yqelder:${d.elder.id}`} label={`${d.elder.name}的联系卡二维码`} testId='elder-qr' />
          <Text className='yq-muted'>用益圈“扫码”扫这个码，可以打开长者的页面或申请代持。</Text>
          <Button type='primary' size='large' block onClick={printPage}>
            {PRINT_LABEL}
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}
