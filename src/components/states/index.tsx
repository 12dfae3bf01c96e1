import { View, Text } from '@tarojs/components'
import { Button, Empty as NutEmpty, Skeleton, Success, Tips, Warning } from '../ui'

/** Loading, empty and error states, the same on every screen (NutUI Skeleton and Empty). */
export function Loading() {
  return (
    <View className='yq-section' data-testid='loading'>
      <Skeleton rows={3} animated />
    </View>
  )
}

export function Empty({ text, title }: { text: string; title?: string }) {
  return <NutEmpty className='yq-section' image={<Tips size={56} color='#a8988a' />} title={title ?? ''} description={text} />
}

/** A failed load: what went wrong and a way to try again — never a blank screen. */
export function ErrorView({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <NutEmpty className='yq-section' image={<Warning size={56} color='#b42318' />} title='没有加载出来' description={message}>
      {onRetry ? (
        <Button type='primary' onClick={onRetry}>
          再试一次
        </Button>
      ) : null}
    </NutEmpty>
  )
}

/**
 * The states of a screen's query: loading (until the first answer), the error with a retry,
 * and — when the answer is empty — what that means, in a sentence.
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
      {query.loading && query.data === undefined ? <Loading /> : null}
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
      {query.moreError ? <View className='yq-error'>{query.moreError}</View> : null}
      {query.nextCursor ? (
        <Button block loading={query.loadingMore} onClick={() => void query.loadMore()}>
          {query.loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : (
        <View className='yq-muted yq-load-more__end'>已经到底了</View>
      )}
    </View>
  )
}

/**
 * What just happened, after an act that succeeded (checked in, exchanged, donated): a big
 * tick, the outcome, and what it means. Ours, not NutUI's ResultPage, whose title takes only a
 * string (screens mark the outcome line so tests read it).
 */
export function Done({ title, description, testId }: { title: string; description?: string; testId?: string }) {
  return (
    <View className='yq-done'>
      <Success size={56} color='#05603a' />
      <Text className='yq-done__title' data-testid={testId}>
        {title}
      </Text>
      {description ? <Text className='yq-muted'>{description}</Text> : null}
    </View>
  )
}
