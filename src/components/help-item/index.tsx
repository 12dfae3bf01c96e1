import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { HELP_CATEGORY_LABELS, HELP_STATUS_LABELS, type HelpView } from '@contract'
import { Cell, Tag } from '../ui'
import { coins, shortTime } from '../../utils/format'

/** One help request in a list: what, when, where (the area only), the reward and its state. */
export function HelpItem({ help }: { help: HelpView }) {
  return (
    <Cell
      clickable
      onClick={() => void Taro.navigateTo({ url: `/pages/help-detail/index?id=${help.id}` })}
      title={
        <Text className='yq-strong' data-testid='help-item'>
          {HELP_CATEGORY_LABELS[help.category]}：{help.description}
        </Text>
      }
      description={`${shortTime(help.when)} · ${help.communityName} ${help.place.area} · ${help.requesterName} · 酬谢 ${coins(help.rewardMinutes)} 时间币`}
      extra={<Tag type={help.status === 'open' ? 'primary' : help.status === 'completed' ? 'success' : 'default'}>{HELP_STATUS_LABELS[help.status]}</Tag>}
    />
  )
}
