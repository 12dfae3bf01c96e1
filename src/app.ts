import type { PropsWithChildren } from 'react'
import { createElement } from 'react'
import { ElderModeProvider } from './hooks/use-elder-mode'
import './app.css'

// Root component: Taro renders the current page as `children`.
function App({ children }: PropsWithChildren) {
  return createElement(ElderModeProvider, null, children)
}

export default App
