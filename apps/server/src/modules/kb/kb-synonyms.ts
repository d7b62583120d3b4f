/*
 * Words customers use for the same thing, applied at query time (the index is left alone, so a
 * change here needs no re-indexing). Each line is one set: a query word or phrase from a set also
 * searches every other member. Written in 简体; queries are folded from 繁體 before they get here.
 * Keep sets small and certain: a loose pair (退款/投诉) would bury the right article.
 */
export const kbSynonymSets: readonly (readonly string[])[] = [
  ['退款', '退钱', '退货', '退费', '钱退回', 'refund', 'money back', 'reimburse'],
  ['发票', '开票', '开发票', '增值税发票', '专票', '普票', 'invoice', 'fapiao', 'receipt'],
  ['密码', '口令', 'password', 'passcode'],
  ['重置', '找回', '忘记', '重设', 'reset', 'forgot', 'recover'],
  ['登录', '登陆', '登入', 'login', 'log in', 'sign in', 'signin', 'logon'],
  ['注册', '开户', 'sign up', 'signup', 'register', 'create account'],
  ['账号', '帐号', '账户', '帐户', 'account'],
  ['快递', '物流', '发货', '配送', '运输', 'shipping', 'delivery', 'shipment', 'courier'],
  ['保修', '质保', '三包', '保固', 'warranty', 'guarantee'],
  ['换货', '更换', 'exchange', 'replacement', 'replace'],
  ['取消', '撤销', 'cancel', 'cancellation'],
  ['订单', 'order', 'purchase'],
  ['优惠券', '代金券', '折扣券', 'coupon', 'voucher', 'promo code', 'discount code'],
  ['会员', 'vip', 'membership', 'subscription', '订阅'],
  ['付款', '支付', '付费', 'payment', 'pay', 'checkout'],
  ['地址', '收货地址', 'address'],
  ['手机号', '手机号码', '电话', 'phone', 'mobile'],
  ['验证码', 'verification code', 'otp', 'code'],
  ['投诉', '申诉', 'complaint', 'complain'],
  ['人工客服', '客服', '人工', 'agent', 'human', 'support'],
  ['注销', '删除账号', 'delete account', 'close account'],
  ['隐私', '个人信息', 'privacy', 'personal data', 'gdpr'],
  ['破损', '损坏', '坏了', 'damaged', 'broken'],
  ['延迟', '延误', '没收到', 'late', 'delayed', 'not arrived'],
  ['安装', 'install', 'installation', 'setup'],
  ['价格', '价钱', '多少钱', 'price', 'cost', 'pricing'],
];

/**
 * Chinese function words dropped from queries: nobody's article says 怎么 or 我的, and ANDing them
 * would find nothing for "我的发票怎么开".
 */
export const kbChineseStopWords: ReadonlySet<string> = new Set([
  '怎么', '怎样', '如何', '怎么办', '什么', '为什么', '为何', '哪里', '在哪', '在哪里', '我', '我的', '你', '你们', '的', '了', '吗', '呢', '吧', '啊',
  '是', '在', '要', '想', '能', '能否', '可以', '可不可以', '请问', '一下', '有', '没有', '还', '和', '与', '或', '个', '这', '那', '被', '把', '给', '让',
  '请', '帮', '帮我', '需要', '应该', '是否', '多久', '几天', '办', '弄', '做', '用',
]);

/** English function words dropped from queries (the english configuration would drop them anyway, noisily). */
export const kbEnglishStopWords: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'to', 'of', 'for', 'in', 'on', 'at', 'by', 'my', 'i', 'me', 'we', 'our', 'how', 'do', 'does', 'did', 'can', 'could',
  'what', 'is', 'are', 'was', 'why', 'where', 'when', 'which', 'you', 'your', 'with', 'and', 'or', 'it', 'its', 'be', 'will', 'would',
  'should', 'please', 'there', 'this', 'that', 'if', 'from', 'about', 'am', 'has', 'have', 'not', 'no', 'so', 'up', 'out', 'into',
]);
