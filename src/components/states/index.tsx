import { View, Text, Button } from '@tarojs/components'
import './index.css'

/** Loading, empty and error states, the same on every screen. */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='yq-state'>
      <Text>{text}</Text>
    </View>
  )
}

export function Empty({ text }: { text: string }) {
  return (
    <View className='yq-state'>
      <Text>{text}</Text>
    </View>
  )
}

export function ErrorView({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='yq-state yq-state--error'>
      <Text className='yq-state__message'>{message}</Text>
      {onRetry ? (
        <Button className='yq-button yq-button--ghost' onClick={onRetry}>
          再试一次
        </Button>
      ) : null}
    </View>
  )
}

/**
 * The states of a screen's query, the same everywhere: loading (until the first answer), the
 * error with a retry, and — when the answer is empty — what that means, in a sentence.
 */
export function QueryStates({
  query,
  isEmpty,
  emptyText,
}: {
  query: { data?: unknown; error?: { message: string }; loading: boolean; reload: () => unknown }
  isEmpty?: boolean
  emptyText?: string
}) {
  return (
    <>
      {query.loading && !query.data ? <Loading /> : null}
      {query.error ? <ErrorView message={query.error.message} onRetry={() => void query.reload()} /> : null}
      {query.data !== undefined && isEmpty && emptyText ? <Empty text={emptyText} /> : null}
    </>
  )
}

/** The end of a paged list: load the next page, the page loading, its error, or that there is no more. */
export function LoadMore({ query }: { query: { items?: unknown[]; nextCursor?: string; loadingMore: boolean; moreError?: string; loadMore: () => unknown } }) {
  if (!query.items || query.items.length === 0) return null
  return (
    <View className='yq-load-more' data-testid='load-more'>
      {query.moreError ? <Text className='yq-field-error'>{query.moreError}</Text> : null}
      {query.nextCursor ? (
        <Button className='yq-button yq-button--ghost' loading={query.loadingMore} disabled={query.loadingMore} onClick={() => void query.loadMore()}>
          {query.loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : (
        <Text className='yq-muted'>已经到底了</Text>
      )}
    </View>
  )
}
