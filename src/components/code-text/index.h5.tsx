import { Text } from '@tarojs/components'

export function CodeText({ code }: { code: string }) {
  return (
    <Text selectable className='yq-muted' style={{ display: 'block', marginTop: '8px', fontSize: '0.7em', wordBreak: 'break-all' }} data-testid='qr-code-text'>
      {code}
    </Text>
  )
}
