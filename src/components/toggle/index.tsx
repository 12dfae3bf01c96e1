import { View, Text } from '@tarojs/components'

/**
 * A row that turns something on or off: the whole row is the tap target (≥ 44 px, ≥ 60 px in
 * 长辈模式) and carries role="switch"; the pill on the right shows the state. Ours: NutUI's
 * Switch renders an invalid `aria-role` attribute and a 30 px knob too small to tap.
 */
export function ToggleRow({
  on,
  onChange,
  title,
  hint,
  testId,
  className,
}: {
  on: boolean
  onChange: (on: boolean) => void
  title: string
  hint?: string
  testId?: string
  className?: string
}) {
  return (
    <View className={`yq-row yq-tap ${className ?? ''}`} role='switch' aria-checked={on} aria-label={title} data-testid={testId} onClick={() => onChange(!on)}>
      <View>
        <Text className='yq-text yq-strong'>{title}</Text>
        {hint ? <Text className='yq-muted'>{hint}</Text> : null}
      </View>
      <View className={`yq-toggle ${on ? 'yq-toggle--on' : ''}`} />
    </View>
  )
}
