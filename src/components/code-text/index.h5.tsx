import { Text } from '@tarojs/components'

export function CodeText({ code }: { code: string }) {
  return (
    <Text selectable className='yq-muted yq-code-text' data-testid='qr-code-text'>
      {code}
    </Text>
  )
}
