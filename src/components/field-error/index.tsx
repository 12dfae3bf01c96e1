import { Text } from '@tarojs/components'

/**
 * What is wrong with one field, right under it, in the words core answered with; nothing when
 * all is well. Our own: NutUI's Form shows only what its own validators found, and these
 * messages come from the server.
 */
export function FieldError({ message, testId }: { message?: string; testId?: string }) {
  return message ? (
    <Text className='yq-error' data-testid={testId}>
      {message}
    </Text>
  ) : null
}
