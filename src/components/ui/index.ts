/**
 * The component library: NutUI React Taro 3 (@nutui/nutui-react-taro) and its icons. The
 * components this app uses, each with its own stylesheet (the library's whole stylesheet is
 * 232 KB); screens import from here, so what ships is what is listed. Themed by CSS
 * variables in app.css.
 */
import '@nutui/icons-react-taro/dist/style_icon.css'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/navbar/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tabbar/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tabbaritem/style/css'
// Tabbar items draw their dot with Badge.
import '@nutui/nutui-react-taro/dist/es/packages/badge/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/pickerview/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/picker/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/datepicker/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/segmented/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/rate/style/css'

export {
  Badge,
  Button,
  Cell,
  CellGroup,
  DatePicker,
  Dialog,
  Empty,
  Input,
  NavBar,
  Picker,
  Rate,
  Segmented,
  Skeleton,
  Tabbar,
  Tag,
  TextArea,
} from '@nutui/nutui-react-taro'
export {
  ArrowLeft,
  Category,
  Check,
  Clock,
  Edit,
  Gift,
  Heart,
  Home,
  List,
  Location,
  Message,
  Order,
  QrCode,
  Scan,
  Service,
  Store,
  Success,
  Tips,
  User,
  Wallet,
  Warning,
} from '@nutui/icons-react-taro'
