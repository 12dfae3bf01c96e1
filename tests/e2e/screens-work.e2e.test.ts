import { sweep, tapThen } from '../support/screens-sweep';

/**
 * The sweep of what community staff, merchants and the street admin see: every screen,
 * normal and 长辈模式, with its confirmations open. Screenshots go to test-artifacts/screens/.
 */
sweep([
  {
    userId: 'u-staff',
    name: '李秀英',
    screens: [
      { name: 'home', route: '/pages/home/index' },
      { name: 'activities', route: '/pages/activities/index' },
      { name: 'activity', route: '/pages/activity/index?id=a-demo-now' },
      { name: 'activity-create', route: '/staff/activity-create/index' },
      { name: 'activity-create-picker', route: '/staff/activity-create/index', act: async (page) => page.getByTestId('start-at').last().click() },
      { name: 'qr', route: '/staff/qr/index?id=a-demo-now&kind=in' },
      { name: 'attendees', route: '/staff/attendees/index?id=a-demo-now' },
      { name: 'approvals', route: '/staff/approvals/index' },
      {
        name: 'approvals-confirm',
        route: '/staff/approvals/index',
        act: async (page) =>
          page
            .getByText(/^全部通过（/)
            .last()
            .click(),
      },
      { name: 'me', route: '/pages/me/index' },
      { name: 'elders', route: '/staff/elders/index' },
      { name: 'elder-new', route: '/staff/elder-edit/index' },
      { name: 'elder-edit', route: '/staff/elder-edit/index?id=u-elder-2' },
      { name: 'elder-card', route: '/staff/elder-card/index?id=u-elder' },
      { name: 'elder', route: '/pages/elder/index?id=u-elder-2' },
      { name: 'help-queue', route: '/pages/help-list/index' },
      { name: 'help-detail', route: '/pages/help-detail/index?id=h-demo-accepted' },
      { name: 'projects-drafts', route: '/pages/projects/index', act: tapThen('草稿') },
      { name: 'project-edit', route: '/staff/project-edit/index' },
      { name: 'project-draft', route: '/pages/project/index?id=pj-draft' },
      { name: 'project-submit-confirm', route: '/pages/project/index?id=pj-draft', act: tapThen('提交管委会评审') },
      { name: 'project-active', route: '/pages/project/index?id=pj-deyoulin' },
      { name: 'project-closed', route: '/pages/project/index?id=pj-closed' },
      { name: 'fund-record', route: '/staff/fund-record/index?id=pj-deyoulin' },
      { name: 'fund-record-goods', route: '/staff/fund-record/index?id=pj-deyoulin', act: tapThen('物品') },
      { name: 'fund-record-channel', route: '/staff/fund-record/index?id=pj-deyoulin', act: tapThen('请选择渠道') },
      { name: 'fund-record-confirm', route: '/staff/fund-record/index?id=pj-deyoulin', act: tapThen('登记') },
      { name: 'fund-pay', route: '/staff/fund-pay/index?id=pj-deyoulin' },
      { name: 'fund-pay-confirm', route: '/staff/fund-pay/index?id=pj-deyoulin', act: tapThen('登记支出') },
      { name: 'fund-update', route: '/staff/fund-update/index?id=pj-deyoulin' },
      { name: 'fund-close', route: '/staff/fund-update/index?id=pj-deyoulin&close=1' },
      { name: 'fund-close-confirm', route: '/staff/fund-update/index?id=pj-deyoulin&close=1', act: tapThen('结项') },
      { name: 'fund', route: '/pages/fund/index' },
    ],
  },
  {
    userId: 'u-committee-2',
    name: '郑强',
    screens: [
      { name: 'home', route: '/pages/home/index' },
      { name: 'projects', route: '/pages/projects/index' },
      { name: 'project-vote', route: '/pages/project/index?id=pj-haoren' },
      { name: 'project-vote-confirm', route: '/pages/project/index?id=pj-haoren', act: tapThen('投票') },
      { name: 'project-rejected', route: '/pages/project/index?id=pj-screen' },
    ],
  },
  {
    userId: 'u-merchant',
    name: '周明',
    screens: [
      { name: 'home', route: '/pages/home/index' },
      { name: 'counter', route: '/shop/counter/index' },
      { name: 'merchant-offers', route: '/shop/merchant-offers/index' },
      { name: 'offer-edit', route: '/shop/offer-edit/index' },
    ],
  },
  {
    userId: 'u-admin',
    name: '王建国',
    screens: [
      { name: 'home', route: '/pages/home/index' },
      { name: 'merchants', route: '/admin/merchants/index' },
      { name: 'merchant-new', route: '/admin/merchant-new/index' },
      { name: 'committee', route: '/admin/committee/index' },
      {
        name: 'committee-confirm',
        route: '/admin/committee/index',
        act: async (page) => {
          await page.getByTestId('committee-member').first().waitFor();
          await page.getByText('保存管委会', { exact: true }).last().click();
        },
      },
    ],
  },
]);
