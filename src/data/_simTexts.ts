/**
 * Short service-desk, complaint and survey texts for {@link simulateShop}, in English and
 * Chinese, written for churnkit. Each bank holds varied sentences of one tone so that the
 * simulator can plant sentiment signals: negative ones after a bad experience, price words
 * for price-sensitive customers, neutral questions and positive comments otherwise.
 *
 * @internal
 */

/** Complaints after a bad experience: late, broken, wrong, rude, buggy (English). */
export const NEGATIVE_EN: readonly string[] = Object.freeze([
  'My order arrived two weeks late and nobody told me why.',
  'The package was damaged and the item inside is broken.',
  'You sent the wrong size again, this is really frustrating.',
  'Your support agent was rude and hung up on me.',
  'The app keeps crashing when I try to pay.',
  'I am very disappointed with the quality, it fell apart after one wash.',
  'Still waiting for my refund after three weeks. Unacceptable.',
  'The courier never delivered but the tracking says delivered.',
  'I was charged twice for the same order.',
  'Terrible experience, the product looks nothing like the photos.',
  'Nobody answers the chat, I have been waiting for hours.',
  'Items are missing from my order and the invoice is wrong.',
  'The checkout failed three times and then my cart was empty.',
  'Worst customer service I have ever had.',
  'The replacement is defective too. I want my money back.',
  'Your delivery is so slow, I ordered ten days ago.',
  'I complained last week and still no answer, very annoyed.',
  'The shoes hurt and the return process is confusing.',
  'This is the second broken item this month, awful.',
  'I am not happy at all, the seller ignored my messages.',
  'Login does not work and the password reset email never comes.',
  'The food was not fresh and the box was dirty.',
]);

/** Complaints after a bad experience (Chinese). */
export const NEGATIVE_ZH: readonly string[] = Object.freeze([
  '快递太慢了，等了两个星期才到。',
  '收到的东西是坏的，包装也破了。',
  '又发错尺码了，真的很失望。',
  '客服态度很差，问题一直没有解决。',
  '付款的时候应用老是闪退。',
  '质量太差了，洗一次就坏了。',
  '退款三个星期了还没到账。',
  '物流显示已签收，但是我根本没收到。',
  '同一个订单扣了我两次钱。',
  '实物和图片完全不一样，非常失望。',
  '在线客服一直没人回复，等了好几个小时。',
  '少发了东西，发票也开错了。',
  '结账失败了三次，购物车还被清空了。',
  '这是我遇到过最差的服务。',
  '换的新货还是有问题，我要退款。',
  '十天前下的单，到现在还没发货。',
  '上周投诉过了，到现在都没有人处理，很生气。',
  '鞋子很不舒服，退货流程又很麻烦。',
  '这个月第二次收到坏的商品了，太糟糕了。',
  '商家不理我的消息，很不满意。',
  '登录不了，重置密码的邮件也一直收不到。',
  '食物不新鲜，盒子也很脏。',
]);

/** Price complaints and questions from price-sensitive customers (English). */
export const PRICE_EN: readonly string[] = Object.freeze([
  'Too expensive without the discount, do you have any coupon?',
  'Prices went up again, this is too expensive for me.',
  'Why did I not get a coupon this month?',
  'The same item is cheaper elsewhere.',
  'Shipping fees are too high, I will wait for a promotion.',
  'Is there a discount code for returning customers?',
  'Without the coupon the price is not worth it.',
  'Your prices are too high compared to other shops.',
  'I only buy when there is a sale, any offer coming?',
  'Overpriced now that the discounts stopped.',
  'Can you match the price I found on another site?',
  'The member discount disappeared, why?',
]);

/** Price complaints and questions from price-sensitive customers (Chinese). */
export const PRICE_ZH: readonly string[] = Object.freeze([
  '没有优惠券的话太贵了，有优惠吗？',
  '又涨价了，太贵了。',
  '这个月怎么没有收到优惠券？',
  '别家同款更便宜。',
  '运费太贵了，等有活动再买。',
  '老顾客有没有折扣码？',
  '不用优惠券的话不划算。',
  '价格比其他店贵太多了。',
  '我只在打折的时候买，最近有活动吗？',
  '优惠没了以后价格太高了。',
  '别的网站更便宜，可以保价吗？',
  '会员折扣怎么没有了？',
]);

/** Ordinary service questions (English). */
export const NEUTRAL_EN: readonly string[] = Object.freeze([
  'How do I change my delivery address?',
  'Can I add an item to an order I already placed?',
  'When will the blue version be back in stock?',
  'Please send me an invoice for my last order.',
  'What is your return policy for sale items?',
  'Do you ship to Hong Kong?',
  'How do I update my phone number in the app?',
  'Can I pick up my order in the store?',
  'Which size should I choose for a 90 cm chest?',
  'Is this product suitable for children?',
  'I would like to change the payment method.',
  'Where can I find the user manual?',
]);

/** Ordinary service questions (Chinese). */
export const NEUTRAL_ZH: readonly string[] = Object.freeze([
  '请问怎么修改收货地址？',
  '已经下单了还能加商品吗？',
  '蓝色的什么时候补货？',
  '请帮我开一下上一单的发票。',
  '打折商品可以退货吗？',
  '可以寄到香港吗？',
  '在应用里怎么改手机号？',
  '可以到门店自提吗？',
  '胸围九十厘米选什么尺码？',
  '这个产品适合小孩用吗？',
  '我想换一种付款方式。',
  '说明书在哪里可以找到？',
]);

/** Positive survey comments and thanks (English). */
export const POSITIVE_EN: readonly string[] = Object.freeze([
  'Fast delivery and great quality, thank you!',
  'Very happy with my purchase, I will recommend you.',
  'The support team was friendly and helpful.',
  'Easy to order and the app works smoothly.',
  'Love the new collection.',
  'Good value and the packaging was nice.',
  'Everything arrived on time, excellent service.',
  'The exchange was quick and easy, thanks.',
  'Always reliable, my favourite shop.',
  'Great prices and fast shipping.',
]);

/** Positive survey comments and thanks (Chinese). */
export const POSITIVE_ZH: readonly string[] = Object.freeze([
  '发货很快，质量很好，谢谢！',
  '非常满意，会推荐给朋友。',
  '客服很耐心，很专业。',
  '下单很方便，应用也很流畅。',
  '很喜欢新款。',
  '性价比高，包装也很漂亮。',
  '准时送到，服务很好。',
  '换货很快，谢谢。',
  '一直很靠谱，最喜欢的店。',
  '价格实惠，物流也快。',
]);
