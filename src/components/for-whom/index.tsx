import { View, Text } from '@tarojs/components'
import './index.css'

/**
 * For a proxy (代持人): act for myself or for an elder I hold. Shows nothing for people who
 * hold no one. `value` undefined means myself.
 */
export function ForWhom({
  elders,
  value,
  onChange,
  label,
}: {
  elders: Array<{ id: string; name: string }>
  value?: string
  onChange: (id?: string) => void
  label: string
}) {
  if (elders.length === 0) return null
  return (
    <View className='for-whom'>
      <Text className='yq-label'>{label}</Text>
      {[{ id: undefined as string | undefined, name: '我自己' }, ...elders].map((p) => (
        <Text key={p.id ?? 'me'} className={`yq-chip for-whom__chip ${value === p.id ? 'for-whom__chip--on' : ''}`} onClick={() => onChange(p.id)}>
          {p.name}
        </Text>
      ))}
    </View>
  )
}
