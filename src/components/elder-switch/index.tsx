import { useElderMode } from '../../hooks/use-elder-mode'
import { ToggleRow } from '../toggle'

/** The 长辈模式 switch, reachable from the first screen (also before registering) and from 我的. */
export function ElderSwitch() {
  const { elder, setElder } = useElderMode()
  return (
    <ToggleRow
      className='yq-section'
      testId='elder-switch'
      title='长辈模式'
      hint={elder ? '已打开：字和按钮都变大了' : '字更大、按钮更大'}
      on={elder}
      onChange={setElder}
    />
  )
}
