// Text for the search benchmark: ticket subjects and messages in Chinese, English and both mixed.
// A search index is only as hard as its vocabulary, so besides a dozen service topics (refunds,
// shipping, quality…, in skewed proportions, so some query terms are common and some rare) every
// message carries filler drawn by frequency from jieba's 350,000-word dictionary or from a list of
// everyday English words, and many carry order numbers or e-mail addresses: a realistic number of
// distinct lexemes with a long tail, not a handful of words repeated a million times.
import { dict } from '@node-rs/jieba/dict.js';

/** A small seeded generator (mulberry32): the same corpus on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from `items` by `weights` with a binary search over the running totals. */
function weighted(items, weights) {
  const totals = [];
  let sum = 0;
  for (const w of weights) totals.push((sum += w));
  return (rand) => {
    const x = rand() * sum;
    let lo = 0;
    let hi = totals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (totals[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo];
  };
}

const pick = (rand, xs) => xs[Math.floor(rand() * xs.length)];

// Topic weights fall off like real queues: refunds and shipping everywhere, warranty cards rarely.
const TOPICS = [
  { w: 14, zh: ['我要申请退款', '退款什么时候到账', '退款已经提交三天了还没到', '请尽快处理退款', '退款金额不对'],
    en: ['I want a refund for this order', 'When will my refund arrive', 'The refund has not been processed yet', 'Please refund the full amount', 'The refunded amount is wrong'] },
  { w: 13, zh: ['订单还没有发货', '什么时候发货', '发货延迟了一周', '物流信息一直没有更新', '快递显示已签收但是没收到'],
    en: ['My order has not shipped yet', 'The package was not shipped on time', 'Delivery is delayed again', 'Tracking has not updated for days', 'The parcel shows delivered but I never received it'] },
  { w: 9, zh: ['商品质量有问题', '我要投诉产品质量', '收到的商品有破损', '做工很差质量不合格', '用了两天就坏了'],
    en: ['The product quality is poor', 'I want to file a complaint about the quality', 'The item arrived damaged', 'It broke after two days', 'The stitching came apart'] },
  { w: 7, zh: ['请帮我开发票', '发票抬头写错了', '需要增值税专用发票', '电子发票在哪里下载'],
    en: ['Please send me an invoice', 'The invoice has the wrong company name', 'I need a VAT invoice', 'Where can I download the receipt'] },
  { w: 7, zh: ['账号登录不了', '忘记密码了', '收不到验证码', '账户被锁定了'],
    en: ['I cannot log in to my account', 'The password reset email never arrives', 'The verification code is not received', 'My account is locked'] },
  { w: 6, zh: ['支付失败但是扣款了', '被重复扣款', '优惠券无法使用', '积分没有到账'],
    en: ['Payment failed but I was charged', 'I was charged twice', 'The coupon code does not work', 'My loyalty points are missing'] },
  { w: 6, zh: ['想要退货', '申请换货', '尺码不合适想换一个', '退货地址是哪里'],
    en: ['I would like to return this item', 'Can I exchange it for another size', 'How do I send the return', 'Where is the return address'] },
  { w: 4, zh: ['设备坏了需要维修', '保修期内可以免费维修吗', '维修进度怎么样了'],
    en: ['The device needs repair', 'Is this covered by the warranty', 'What is the status of my repair'] },
  { w: 4, zh: ['修改收货地址', '地址填错了', '能不能改成自提'],
    en: ['Please change the shipping address', 'I entered the wrong address', 'Can I pick it up at the store instead'] },
  { w: 3, zh: ['这款手机支持无线充电吗', '洗衣机噪音很大', '空调不制冷', '冰箱有异味', '电视没有声音'],
    en: ['Does this phone support wireless charging', 'The washing machine is very noisy', 'The air conditioner is not cooling', 'The fridge smells strange', 'The TV has no sound'] },
  { w: 1, zh: ['蓝牙耳机连接不上', '蓝牙耳机左耳没声音'],
    en: ['The bluetooth headphones will not pair', 'The left bluetooth earbud is silent'] },
  { w: 0.3, zh: ['保修卡丢了还能保修吗', '保修卡上的日期不对'],
    en: ['I lost my warranty card', 'The date on the warranty card is wrong'] },
  { w: 8, zh: ['您好，已为您登记，我们会尽快处理', '抱歉给您带来不便，已经催促仓库', '已为您申请补偿', '请提供订单号和照片', '问题已经转交给相关部门'],
    en: ['Hi, we have logged your request and will get back to you shortly', 'Sorry for the inconvenience, we have escalated this to the warehouse', 'We have issued a partial refund as compensation', 'Please send us the order number and a photo', 'Your case has been passed to the right team'] },
  { w: 5, zh: ['谢谢，问题已经解决了', '好的，我再等等', '还是没有解决', '请给我回个电话'],
    en: ['Thanks, it works now', 'OK, I will wait', 'This is still not fixed', 'Please call me back'] },
];
const topic = weighted(TOPICS, TOPICS.map((t) => t.w));

const ZH_GREETINGS = ['您好', '你好', '客服你好', '在吗', '麻烦问一下', ''];
const EN_GREETINGS = ['Hello', 'Hi', 'Hi there', 'Good morning', 'Dear support', ''];

// Filler: multi-character dictionary words weighted by their corpus frequency (a Zipf-like tail),
// plus the function words real sentences are full of.
const zhWords = [];
const zhFreq = [];
for (const line of dict.toString('utf8').split('\n')) {
  const [word, freq] = line.split(' ');
  const f = Number(freq);
  if (f >= 20 && /^\p{Script=Han}{2,4}$/u.test(word)) {
    zhWords.push(word);
    zhFreq.push(f ** 0.85);
  }
}
const zhWord = weighted(zhWords, zhFreq);
const ZH_GLUE = ['的', '了', '是', '在', '我', '也', '就', '还', '都', '和', '但是', '因为', '所以', '已经', '一直'];

const EN_WORDS = `the a to and of i it is was for my on this that have not with be but you we can in your
order item please when will at from would like get has had time about they been still today days week
help need back just now there what all so one any know could our some do did as if or an which by here
new received number email phone call app website store online customer service team manager support
product package parcel box size color price money card bank account credit charge payment refund
return exchange replace replacement damaged broken missing wrong late delay delayed shipping shipped
ship delivery delivered courier tracking address city street home office weekend monday tuesday
friday morning afternoon evening hours problem issue question request complaint update status check
confirm cancel cancelled cancellation quickly soon again never always already really very still
thanks thank sorry unfortunately however because also maybe another first last next same different
open opened closed screen battery charger cable button light sound noise smell water leak heat cold
screen cracked scratched dirty used old instructions manual install setup login password reset code
message reply answer wait waiting waited contact contacted ticket case reference photo picture attached
discount coupon voucher points member membership subscription renew renewal plan upgrade downgrade
bill billing statement total amount fee extra tax receipt company name warehouse stock available
sold out restock preorder gift wrap note sister friend family birthday holiday christmas urgent asap
disappointed happy satisfied great good bad terrible excellent quality material fabric leather glass
plastic metal wood shoes shirt dress jacket bag watch phone laptop tablet camera speaker keyboard mouse
printer router monitor television fridge oven microwave kettle vacuum blender mattress chair table lamp`.split(/\s+/);
const enWord = weighted(EN_WORDS, EN_WORDS.map((_, i) => 1 / (i + 8)));

function zhFiller(rand) {
  let s = '';
  const n = 3 + Math.floor(rand() * 9);
  for (let i = 0; i < n; i++) s += rand() < 0.3 ? pick(rand, ZH_GLUE) : zhWord(rand);
  return s;
}

function enFiller(rand) {
  const n = 5 + Math.floor(rand() * 10);
  const words = Array.from({ length: n }, () => enWord(rand));
  return words[0].charAt(0).toUpperCase() + words.join(' ').slice(1);
}

const orderNo = (rand) => `SO-${2023 + Math.floor(rand() * 3)}-${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`;
const email = (rand) => `${pick(rand, ['zhang', 'li', 'wang', 'chen', 'liu', 'anna', 'tom', 'mei', 'john'])}.${Math.floor(rand() * 1e5)}@${pick(rand, ['qq.com', '163.com', 'example.com', 'gmail.com'])}`;

/** One message body as plain text: about 55% Chinese, 25% English, 20% both. */
export function messageText(rand) {
  const lang = rand();
  const zh = lang < 0.75;
  const en = lang >= 0.55;
  const parts = [];
  if (zh) {
    const hello = pick(rand, ZH_GREETINGS);
    if (hello) parts.push(`${hello}，`);
    parts.push(`${pick(rand, topic(rand).zh)}。`);
    for (let i = Math.floor(rand() * 3); i > 0; i--) parts.push(`${zhFiller(rand)}${rand() < 0.5 ? '。' : '，'}`);
    if (rand() < 0.15) parts.push(`${pick(rand, topic(rand).zh)}！`);
  }
  if (en) {
    const hello = pick(rand, EN_GREETINGS);
    parts.push(`${hello ? `${hello}, ` : ''}${pick(rand, topic(rand).en)}.`);
    for (let i = Math.floor(rand() * 3); i > 0; i--) parts.push(` ${enFiller(rand)}.`);
  }
  if (rand() < 0.3) parts.push(zh && !en ? `订单号 ${orderNo(rand)}` : ` Order ${orderNo(rand)}`);
  if (rand() < 0.05) parts.push(` ${email(rand)}`);
  return parts.join('');
}

/** A ticket subject: one topic phrase, in Chinese, English or both. */
export function subjectText(rand) {
  const t = topic(rand);
  const lang = rand();
  if (lang < 0.6) return pick(rand, t.zh);
  if (lang < 0.85) return pick(rand, t.en);
  return `${pick(rand, t.zh)} ${pick(rand, t.en)}`;
}

/** Search box input a service desk types: common and rare terms, one and two words, and a product no ticket mentions. */
export const QUERIES = {
  zh: ['退款', '发货 延迟', '投诉 质量', '发票 抬头', '蓝牙耳机', '保修卡', '扫地机器人'],
  en: ['refund', 'not shipped', 'delivery delay', 'invoice', 'bluetooth', 'warranty card', 'robot vacuum'],
};
