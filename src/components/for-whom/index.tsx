import { Segmented } from '../ui'

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
  const ME = '__me'
  return (
    <Segmented
      className='yq-segmented for-whom'
      aria-label={label}
      value={value ?? ME}
      options={[{ label: '我自己', value: ME }, ...elders.map((e) => ({ label: e.name, value: e.id }))]}
      onChange={(v) => onChange(v === ME ? undefined : String(v))}
    />
  )
}
