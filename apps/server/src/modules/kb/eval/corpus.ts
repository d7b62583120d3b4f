/**
 * The knowledge-base evaluation corpus: help-desk articles as a Chinese online shop with a
 * software subscription would publish them, in 简体中文 (a few in 繁體, as Taiwan and Hong Kong
 * customers write them) and English. `key` names an article for the queries in queries.ts.
 */
export interface EvalArticle {
  key: string;
  locale: 'zh-CN' | 'en';
  title: string;
  body: string;
  tags: string[];
}

const p = (...lines: string[]) => lines.map((l) => `<p>${l}</p>`).join('');

export const evalArticles: EvalArticle[] = [
  { key: 'refund-apply', locale: 'zh-CN', title: '如何申请退款', tags: ['退款', '售后'], body: p('登录账户后进入“我的订单”，选择需要退款的订单，点击“申请退款”并填写原因。', '商家会在1个工作日内审核，审核通过后退款按原支付方式退回。') },
  { key: 'refund-time', locale: 'zh-CN', title: '退款多久到账', tags: ['退款', '到账'], body: p('退款审核通过后，支付宝和微信支付一般1至3个工作日到账，银行卡需要3至7个工作日。', '如超过7个工作日仍未到账，请联系人工客服并提供订单号。') },
  { key: 'return-policy', locale: 'zh-CN', title: '七天无理由退货规则', tags: ['退货', '政策'], body: p('自签收之日起7天内，商品完好、配件齐全且不影响二次销售，可申请无理由退货。', '定制商品、鲜活易腐商品和已拆封的数字商品不适用七天无理由退货。') },
  { key: 'return-shipping-fee', locale: 'zh-CN', title: '退货运费由谁承担', tags: ['退货', '运费'], body: p('因商品质量问题退货，运费由商家承担，请保留快递单据申请运费补偿。', '无理由退货的寄回运费由买家承担，购买了运费险的订单可获得理赔。') },
  { key: 'exchange', locale: 'zh-CN', title: '换货流程说明', tags: ['换货', '售后'], body: p('收到商品尺码不合适或颜色有误，可在签收后15天内申请换货。', '在订单详情页选择“申请换货”，填写需要更换的规格，寄回原商品后我们会重新发货。') },
  { key: 'invoice-issue', locale: 'zh-CN', title: '如何开具电子发票', tags: ['发票', '开票'], body: p('订单完成后，在订单详情页点击“申请开票”，填写发票抬头和税号即可开具增值税电子普通发票。', '电子发票会在3个工作日内发送到您填写的邮箱。') },
  { key: 'invoice-special', locale: 'zh-CN', title: '增值税专用发票申请', tags: ['发票', '专票'], body: p('企业客户如需增值税专用发票，请提供公司名称、纳税人识别号、注册地址、电话、开户行及账号。', '专用发票为纸质发票，将通过快递寄出，一般7个工作日内送达。') },
  { key: 'invoice-correct', locale: 'zh-CN', title: '发票抬头填错了怎么重开', tags: ['发票', '重开'], body: p('发票开具后发现抬头或税号错误，可在订单详情页申请“发票重开”，原发票会自动作废。', '每个订单最多可重开两次，超过次数请联系客服处理。') },
  { key: 'password-reset', locale: 'zh-CN', title: '忘记密码如何重置', tags: ['密码', '账号'], body: p('在登录页点击“忘记密码”，输入注册手机号或邮箱，获取验证码后即可设置新密码。', '新密码需至少8位，包含字母和数字。') },
  { key: 'change-phone', locale: 'zh-CN', title: '更换绑定手机号', tags: ['手机号', '账号'], body: p('进入“账号设置-安全中心”，选择“更换手机号”，先验证原手机号，再输入新手机号并完成短信验证。', '原手机号已停用的，可通过人脸识别或提交身份证明申诉更换。') },
  { key: 'sms-code', locale: 'zh-CN', title: '收不到短信验证码怎么办', tags: ['验证码', '短信'], body: p('请确认手机号填写正确、手机未开启短信拦截，并检查是否欠费停机。', '同一手机号每天最多获取10次验证码，如仍收不到，请60秒后重试或改用语音验证码。') },
  { key: 'account-locked', locale: 'zh-CN', title: '账号被冻结怎么解封', tags: ['账号', '冻结'], body: p('连续输错密码5次，账号会被临时冻结30分钟，到时间后自动解冻。', '因违规被冻结的账号，请在申诉中心提交材料，我们会在3个工作日内答复。') },
  { key: 'close-account', locale: 'zh-CN', title: '如何注销账号', tags: ['注销', '账号'], body: p('注销前请确认没有未完成的订单、未到账的退款和账户余额。', '在“账号设置-注销账号”中提交申请，15天冷静期后账号及个人信息将被永久删除。') },
  { key: 'shipping-time', locale: 'zh-CN', title: '下单后多久发货', tags: ['发货', '物流'], body: p('现货商品在付款后48小时内发货，预售商品以商品页标注的发货时间为准。', '大促期间发货时间可能延长至72小时。') },
  { key: 'tracking', locale: 'zh-CN', title: '如何查询物流信息', tags: ['物流', '快递'], body: p('在“我的订单”中点击“查看物流”即可看到快递公司和运单号及实时轨迹。', '物流信息在发货后约12小时内开始更新。') },
  { key: 'delivery-delay', locale: 'zh-CN', title: '快递一直没送到怎么办', tags: ['物流', '延迟'], body: p('物流超过5天未更新，可能是快递中转延误，请先联系快递公司核实。', '如包裹丢失，我们会为您补发或全额退款。') },
  { key: 'change-address', locale: 'zh-CN', title: '下单后修改收货地址', tags: ['地址', '订单'], body: p('订单发货前可以在订单详情页点击“修改地址”。', '已发货的订单请联系快递公司改派，可能产生额外费用。') },
  { key: 'cancel-order', locale: 'zh-CN', title: '如何取消订单', tags: ['订单', '取消'], body: p('未付款订单可直接取消；已付款未发货的订单可在订单详情页申请取消，款项将原路退回。', '已发货订单无法取消，请签收后申请退货。') },
  { key: 'damaged-item', locale: 'zh-CN', title: '收到商品破损怎么处理', tags: ['破损', '售后'], body: p('签收时请当面验货，发现外包装或商品破损可拒收。', '已签收的，请在48小时内拍照上传破损部位和快递面单，申请补发或退款。') },
  { key: 'warranty', locale: 'zh-CN', title: '电子产品保修政策', tags: ['保修', '售后'], body: p('手机、平板和耳机等电子产品自签收起享受一年全国联保，非人为损坏可免费维修。', '保修期内请凭订单号和序列号在线申请维修，寄修运费由我们承担。') },
  { key: 'repair', locale: 'zh-CN', title: '如何申请售后维修', tags: ['维修', '售后'], body: p('在“服务中心-申请维修”中填写故障描述并上传照片，选择上门取件或自行寄送。', '维修完成后会寄回，维修进度可在服务中心查看。') },
  { key: 'coupon', locale: 'zh-CN', title: '优惠券使用规则', tags: ['优惠券', '促销'], body: p('优惠券需在有效期内使用，每个订单限用一张，不可与其他满减活动叠加。', '订单退款后，未过期的优惠券会退回账户。') },
  { key: 'membership', locale: 'zh-CN', title: '会员等级与权益', tags: ['会员', '积分'], body: p('会员分为普通、银卡、金卡和钻石四个等级，根据近12个月消费金额自动升级。', '金卡及以上会员享受免运费、专属客服和生日礼包。') },
  { key: 'points', locale: 'zh-CN', title: '积分怎么获得和使用', tags: ['积分', '会员'], body: p('每消费1元获得1积分，评价晒单可额外获得积分。', '100积分可抵扣1元，积分在获得后次年年底过期。') },
  { key: 'payment-methods', locale: 'zh-CN', title: '支持哪些付款方式', tags: ['支付', '付款'], body: p('支持支付宝、微信支付、银联卡和花呗分期。', '企业客户可选择对公转账，到账后订单自动确认。') },
  { key: 'payment-failed', locale: 'zh-CN', title: '付款失败的常见原因', tags: ['支付', '失败'], body: p('付款失败可能是银行卡余额不足、超出单笔限额或网络中断。', '如已扣款但订单显示未付款，款项会在24小时内自动退回。') },
  { key: 'installment', locale: 'zh-CN', title: '分期付款说明', tags: ['分期', '支付'], body: p('单笔订单满600元可使用花呗或信用卡分期，支持3期、6期和12期。', '部分商品享受免息分期，以结算页显示为准。') },
  { key: 'price-protect', locale: 'zh-CN', title: '价格保护规则', tags: ['价保', '价格'], body: p('购买后7天内商品降价，可申请价格保护，差价以原支付方式退回。', '秒杀、拼团等特殊活动价格不参与价保。') },
  { key: 'complaint', locale: 'zh-CN', title: '如何投诉服务问题', tags: ['投诉', '服务'], body: p('对服务不满意，可在订单详情页点击“投诉”，或拨打客服热线400-800-1234。', '投诉会在24小时内由专人跟进，处理结果会短信通知您。') },
  { key: 'contact-human', locale: 'zh-CN', title: '怎样联系人工客服', tags: ['客服', '人工'], body: p('在帮助中心点击“在线客服”，输入“转人工”即可接入人工客服。', '人工客服服务时间为每天9:00至21:00。') },
  { key: 'privacy', locale: 'zh-CN', title: '个人信息保护说明', tags: ['隐私', '个人信息'], body: p('我们仅在提供服务所必需的范围内收集个人信息，并采用加密方式存储。', '您可以在“隐私设置”中查看、导出或删除您的个人信息。') },
  { key: 'invoice-tw', locale: 'zh-CN', title: '電子發票載具歸戶', tags: ['發票', '載具'], body: p('台灣地區訂單開立的電子發票，可在會員中心設定手機條碼載具。', '歸戶後中獎將自動通知，無需保存紙本發票。') },
  { key: 'login-tw', locale: 'zh-CN', title: '無法登入帳號的處理方式', tags: ['登入', '帳號'], body: p('請確認帳號與密碼輸入正確，並檢查是否開啟大寫鎖定。', '若多次登入失敗，請使用「忘記密碼」重設，或聯絡客服協助。') },
  { key: 'gift-card', locale: 'zh-CN', title: '礼品卡如何绑定和使用', tags: ['礼品卡'], body: p('在“我的钱包-礼品卡”中输入卡号和密码即可绑定。', '礼品卡余额可用于支付订单，不可提现，有效期三年。') },
  { key: 'group-buy', locale: 'zh-CN', title: '拼团失败怎么办', tags: ['拼团', '活动'], body: p('拼团在规定时间内未凑齐人数即为拼团失败。', '拼团失败的订单会自动取消，款项在1至3个工作日内原路退回。') },
  { key: 'presale', locale: 'zh-CN', title: '预售商品定金规则', tags: ['预售', '定金'], body: p('预售商品需先支付定金，在尾款时间内支付尾款。', '因买家原因未付尾款的，定金不予退还。') },
  { key: 'subscription-renew', locale: 'zh-CN', title: '自动续费如何关闭', tags: ['订阅', '续费'], body: p('在“我的订阅”中找到对应服务，点击“关闭自动续费”。', '关闭后当前周期仍可使用，到期后不再扣费。') },
  { key: 'app-install', locale: 'zh-CN', title: '客户端安装失败的解决方法', tags: ['安装', '客户端'], body: p('请确认系统版本为Windows 10或macOS 12以上，并关闭杀毒软件后重新安装。', '安装包下载不完整也会导致失败，请重新下载后校验文件大小。') },
  { key: 'data-export', locale: 'zh-CN', title: '如何导出订单数据', tags: ['导出', '报表'], body: p('企业管理员可在“订单管理-导出”中选择时间范围，导出Excel格式的订单明细。', '单次最多导出10万条记录。') },
  { key: 'enterprise-account', locale: 'zh-CN', title: '企业账户开通流程', tags: ['企业', '开户'], body: p('提交营业执照、法人信息和对公账户，审核通过后即可开通企业账户。', '企业账户支持多人协作、批量采购和月结账期。') },
  // English
  { key: 'en-refund', locale: 'en', title: 'How to request a refund', tags: ['refund', 'orders'], body: p('Sign in, open My Orders, choose the order and click Request refund. Tell us the reason and attach photos if the item is faulty.', 'Approved refunds go back to the original payment method within 3 to 7 business days.') },
  { key: 'en-return', locale: 'en', title: 'Returning an item within 30 days', tags: ['returns'], body: p('Unused items in their original packaging can be returned within 30 days of delivery.', 'Print the prepaid return label from the order page and drop the parcel at any courier point.') },
  { key: 'en-password', locale: 'en', title: 'Reset a forgotten password', tags: ['password', 'account'], body: p('On the sign-in page choose Forgot password and enter the email address of your account.', 'We email you a link that stays valid for 30 minutes; open it and choose a new password.') },
  { key: 'en-2fa', locale: 'en', title: 'Turn on two-factor authentication', tags: ['security', 'account'], body: p('Go to Settings, Security and enable two-factor authentication with an authenticator app.', 'Keep the recovery codes somewhere safe: they let you in if you lose your phone.') },
  { key: 'en-shipping-time', locale: 'en', title: 'Shipping times and carriers', tags: ['shipping', 'delivery'], body: p('Orders placed before 3 pm ship the same business day. Standard shipping takes 3 to 5 business days, express shipping 1 to 2.', 'We ship with DHL, UPS and SF Express depending on your region.') },
  { key: 'en-tracking', locale: 'en', title: 'Track your package', tags: ['shipping', 'tracking'], body: p('Once your order ships we email a tracking number. Open My Orders and click Track package to follow the courier.', 'Tracking updates can take up to 24 hours to appear.') },
  { key: 'en-lost-package', locale: 'en', title: 'My package is lost or late', tags: ['shipping', 'delivery'], body: p('If tracking has not moved for 7 days, contact us and we will open an investigation with the carrier.', 'Lost parcels are reshipped free of charge or fully refunded.') },
  { key: 'en-warranty', locale: 'en', title: 'Warranty coverage for electronics', tags: ['warranty', 'repair'], body: p('All electronics come with a 2-year limited warranty covering manufacturing defects.', 'Accidental damage and water damage are not covered. Start a warranty claim from the Support page with your serial number.') },
  { key: 'en-invoice', locale: 'en', title: 'Download an invoice or receipt', tags: ['invoice', 'billing'], body: p('Invoices are generated when your order ships. Open the order and click Download invoice to get a PDF.', 'Business customers can add a VAT number in Billing settings before ordering.') },
  { key: 'en-payment-declined', locale: 'en', title: 'Why was my card declined?', tags: ['payment', 'billing'], body: p('Cards are declined when the billing address does not match, the card has expired, or the bank blocks online purchases.', 'Try another card or contact your bank; no money is taken for a declined payment.') },
  { key: 'en-cancel-subscription', locale: 'en', title: 'Cancel your subscription', tags: ['subscription', 'billing'], body: p('Open Billing, Subscription and click Cancel subscription. You keep access until the end of the paid period.', 'We do not charge cancellation fees.') },
  { key: 'en-upgrade-plan', locale: 'en', title: 'Upgrade or downgrade your plan', tags: ['subscription', 'pricing'], body: p('Change plans at any time from Billing. Upgrades take effect immediately and are prorated.', 'Downgrades start at the next billing cycle.') },
  { key: 'en-delete-account', locale: 'en', title: 'Delete your account and personal data', tags: ['privacy', 'account'], body: p('You can delete your account from Settings, Privacy. Deletion removes your personal data within 30 days, as required by GDPR.', 'Invoices are kept for the period tax law requires.') },
  { key: 'en-change-email', locale: 'en', title: 'Change the email address on your account', tags: ['account', 'email'], body: p('Go to Settings, Profile and enter the new email address. We send a confirmation link to the new address.', 'The change takes effect once you click the link.') },
  { key: 'en-coupon', locale: 'en', title: 'Using promo codes and vouchers', tags: ['coupon', 'discount'], body: p('Enter the promo code at checkout in the Discount code field. Only one code can be used per order.', 'Codes cannot be applied after the order is placed.') },
  { key: 'en-exchange', locale: 'en', title: 'Exchange an item for a different size', tags: ['exchange', 'returns'], body: p('Request an exchange from the order page within 30 days. Choose the new size or colour and we ship it when the original arrives back.', 'Exchanges are free for members.') },
  { key: 'en-damaged', locale: 'en', title: 'Item arrived damaged or broken', tags: ['damaged', 'returns'], body: p('Sorry about that! Take photos of the damaged item and the box within 48 hours of delivery and send them from the order page.', 'We will send a replacement or refund you in full.') },
  { key: 'en-contact', locale: 'en', title: 'Contact customer support', tags: ['support', 'contact'], body: p('Chat with an agent from the Help Center, 9 am to 9 pm every day, or email support@example.com.', 'Urgent issues can call our hotline at +86 400 800 1234.') },
  { key: 'en-install', locale: 'en', title: 'Install the desktop app', tags: ['install', 'desktop'], body: p('Download the installer for Windows or macOS from the Downloads page and run it.', 'If installation fails, check that you have administrator rights and at least 2 GB of free disk space.') },
  { key: 'en-api-key', locale: 'en', title: 'Create an API key for integrations', tags: ['api', 'developers'], body: p('Administrators create API keys under Settings, Integrations. Each key can be limited to read-only access.', 'Revoke a key at any time; requests with a revoked key are rejected immediately.') },
  { key: 'en-export', locale: 'en', title: 'Export your data to CSV', tags: ['export', 'reports'], body: p('Open Reports, choose a date range and click Export to download a CSV file.', 'Exports over 100,000 rows are emailed to you when ready.') },
  { key: 'en-gift-card', locale: 'en', title: 'Redeem a gift card', tags: ['gift card', 'payment'], body: p('Enter the gift card code in Wallet to add the balance to your account.', 'Gift card balances never expire and cannot be exchanged for cash.') },
  { key: 'en-price-match', locale: 'en', title: 'Price drop protection', tags: ['pricing', 'refund'], body: p('If the price of an item drops within 14 days of purchase, we refund the difference.', 'Flash sales and clearance prices are excluded.') },
];
