/**
 * Evaluation queries with the article that must come back in the top 3. `kind` says what each
 * one exercises, so a drop in one area shows up by name.
 */
export interface EvalQuery {
  q: string;
  expect: string;
  kind: 'zh' | 'en' | 'typo' | 'synonym' | 'traditional' | 'partial' | 'question' | 'mixed';
  lang?: 'zh-CN' | 'en';
}

export const evalQueries: EvalQuery[] = [
  // Chinese, as typed into a search box
  { q: '申请退款', expect: 'refund-apply', kind: 'zh' },
  { q: '退款到账时间', expect: 'refund-time', kind: 'zh' },
  { q: '七天无理由', expect: 'return-policy', kind: 'zh' },
  { q: '退货运费', expect: 'return-shipping-fee', kind: 'zh' },
  { q: '换货', expect: 'exchange', kind: 'zh' },
  { q: '电子发票', expect: 'invoice-issue', kind: 'zh' },
  { q: '增值税专用发票', expect: 'invoice-special', kind: 'zh' },
  { q: '发票抬头错了', expect: 'invoice-correct', kind: 'zh' },
  { q: '重置密码', expect: 'password-reset', kind: 'zh' },
  { q: '更换手机号', expect: 'change-phone', kind: 'zh' },
  { q: '收不到验证码', expect: 'sms-code', kind: 'zh' },
  { q: '账号冻结', expect: 'account-locked', kind: 'zh' },
  { q: '注销账号', expect: 'close-account', kind: 'zh' },
  { q: '多久发货', expect: 'shipping-time', kind: 'zh' },
  { q: '查物流', expect: 'tracking', kind: 'zh' },
  { q: '修改收货地址', expect: 'change-address', kind: 'zh' },
  { q: '取消订单', expect: 'cancel-order', kind: 'zh' },
  { q: '商品破损', expect: 'damaged-item', kind: 'zh' },
  { q: '保修期', expect: 'warranty', kind: 'zh' },
  { q: '售后维修', expect: 'repair', kind: 'zh' },
  { q: '优惠券不能用', expect: 'coupon', kind: 'zh' },
  { q: '会员权益', expect: 'membership', kind: 'zh' },
  { q: '积分抵扣', expect: 'points', kind: 'zh' },
  { q: '花呗分期', expect: 'installment', kind: 'zh' },
  { q: '付款失败', expect: 'payment-failed', kind: 'zh' },
  { q: '降价 价保', expect: 'price-protect', kind: 'zh' },
  { q: '投诉', expect: 'complaint', kind: 'zh' },
  { q: '礼品卡绑定', expect: 'gift-card', kind: 'zh' },
  { q: '拼团失败', expect: 'group-buy', kind: 'zh' },
  { q: '定金不退', expect: 'presale', kind: 'zh' },
  { q: '关闭自动续费', expect: 'subscription-renew', kind: 'zh' },
  { q: '导出订单', expect: 'data-export', kind: 'zh' },
  { q: '企业账户开通', expect: 'enterprise-account', kind: 'zh' },
  // Natural questions
  { q: '我的发票怎么开', expect: 'invoice-issue', kind: 'question' },
  { q: '退款什么时候能到账', expect: 'refund-time', kind: 'question' },
  { q: '快递一直不更新怎么办', expect: 'delivery-delay', kind: 'question' },
  { q: 'how do I get my money back', expect: 'en-refund', kind: 'question' },
  { q: 'why is my card being declined', expect: 'en-payment-declined', kind: 'question' },
  // Synonyms
  { q: '怎么退钱', expect: 'refund-apply', kind: 'synonym' },
  { q: '开票', expect: 'invoice-issue', kind: 'synonym' },
  { q: '找回密码', expect: 'password-reset', kind: 'synonym' },
  { q: '人工服务', expect: 'contact-human', kind: 'synonym' },
  { q: '质保', expect: 'warranty', kind: 'synonym' },
  { q: 'login problem', expect: 'login-tw', kind: 'synonym' },
  { q: 'money back', expect: 'en-refund', kind: 'synonym' },
  { q: 'receipt', expect: 'en-invoice', kind: 'synonym' },
  { q: 'voucher code', expect: 'en-coupon', kind: 'synonym' },
  { q: 'talk to a human', expect: 'en-contact', kind: 'synonym' },
  // Traditional characters (query in 繁體, article in 简体, and the other way round)
  { q: '申請退款', expect: 'refund-apply', kind: 'traditional' },
  { q: '電子發票', expect: 'invoice-issue', kind: 'traditional' },
  { q: '忘記密碼', expect: 'password-reset', kind: 'traditional' },
  { q: '物流資訊查詢', expect: 'tracking', kind: 'traditional' },
  { q: '保修政策', expect: 'warranty', kind: 'traditional' },
  { q: '发票载具', expect: 'invoice-tw', kind: 'traditional' },
  { q: '无法登录账号', expect: 'login-tw', kind: 'traditional' },
  // English
  { q: 'refund', expect: 'en-refund', kind: 'en' },
  { q: 'return policy 30 days', expect: 'en-return', kind: 'en' },
  { q: 'reset password', expect: 'en-password', kind: 'en' },
  { q: 'two-factor authentication', expect: 'en-2fa', kind: 'en' },
  { q: 'shipping times', expect: 'en-shipping-time', kind: 'en' },
  { q: 'track package', expect: 'en-tracking', kind: 'en' },
  { q: 'lost parcel', expect: 'en-lost-package', kind: 'en' },
  { q: 'warranty claim', expect: 'en-warranty', kind: 'en' },
  { q: 'cancel subscription', expect: 'en-cancel-subscription', kind: 'en' },
  { q: 'upgrade plan', expect: 'en-upgrade-plan', kind: 'en' },
  { q: 'delete account gdpr', expect: 'en-delete-account', kind: 'en' },
  { q: 'change email address', expect: 'en-change-email', kind: 'en' },
  { q: 'api key', expect: 'en-api-key', kind: 'en' },
  { q: 'export csv', expect: 'en-export', kind: 'en' },
  { q: 'gift card', expect: 'en-gift-card', kind: 'en' },
  // Typos
  { q: 'refnud', expect: 'en-refund', kind: 'typo' },
  { q: 'pasword reset', expect: 'en-password', kind: 'typo' },
  { q: 'warrenty', expect: 'en-warranty', kind: 'typo' },
  { q: 'subscripton cancel', expect: 'en-cancel-subscription', kind: 'typo' },
  { q: 'invoce download', expect: 'en-invoice', kind: 'typo' },
  { q: 'trackng package', expect: 'en-tracking', kind: 'typo' },
  // Partial words (as typed)
  { q: 'authenti', expect: 'en-2fa', kind: 'partial' },
  { q: 'instal', expect: 'en-install', kind: 'partial' },
  { q: 'integr', expect: 'en-api-key', kind: 'partial' },
  { q: '注销', expect: 'close-account', kind: 'partial' },
  { q: '预售定', expect: 'presale', kind: 'partial' },
  // Mixed
  { q: 'Excel 导出', expect: 'data-export', kind: 'mixed' },
  { q: 'Windows 安装失败', expect: 'app-install', kind: 'mixed' },
];
