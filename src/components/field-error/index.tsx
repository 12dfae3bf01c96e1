import { Text } from '@tarojs/components'

/** What is wrong with one field, in the words core answered with; nothing when all is well. */
export function FieldError({ message, testId }: { message?: string; testId?: string }) {
  return message ? (
    <Text className='yq-field-error' data-testid={testId}>
      {message}
    </Text>
  ) : null
}
