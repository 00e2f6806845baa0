/**
 * A sentiment lexicon: term weights, negators and intensifiers. Chinese terms are matched in
 * running text without a word segmenter; English terms are matched as whole words (lower case).
 *
 * @category Features
 */
export interface SentimentLexicon {
  /** Term → polarity weight (positive > 0, negative < 0; the defaults use ±1 and ±2). */
  readonly terms: Readonly<Record<string, number>>;
  /** Words that flip the polarity of the next sentiment term within three tokens (不, 没有, not, never). */
  readonly negators: readonly string[];
  /** Word → multiplier applied to the next sentiment term within three tokens (很 1.5, very 1.5). */
  readonly intensifiers: Readonly<Record<string, number>>;
}

const words = (s: string, w: number): Record<string, number> => Object.fromEntries(s.trim().split(/\s+/).map((t) => [t, w]));

/**
 * churnkit's own small bilingual lexicon for customer-service, review and survey text
 * (a few hundred entries written for this package; weights ±1, strong words ±2).
 *
 * @example
 * ```ts
 * DEFAULT_SENTIMENT_LEXICON.terms['满意']; // 1
 * ```
 * @category Features
 */
export const DEFAULT_SENTIMENT_LEXICON: SentimentLexicon = Object.freeze({
  terms: Object.freeze({
    ...words(
      `good nice great fine happy glad pleased satisfied helpful fast quick easy smooth friendly polite
       useful reliable work works working recommend recommended love loved like liked likes enjoy enjoyed worked fixed resolved
       solved thanks thank appreciate appreciated cheap affordable fair comfortable convenient clean fresh
       beautiful perfect professional responsive efficient pleasant worth value valuable improved better best
       patient kind quality durable correct accurate`,
      1,
    ),
    ...words(`excellent amazing awesome fantastic wonderful outstanding brilliant superb delighted love`, 2),
    ...words(
      `bad poor slow late broken rude wrong problem problems issue issues complaint complain complained
       disappointed disappointing annoying annoyed unhappy angry upset expensive overpriced pricey difficult
       confusing confused hard useless fail failed fails failure error errors bug buggy crash crashed crashes crashing broke
       missing lost damaged defective delay delayed waiting wait refund return cancel cancelled canceled leave
       leaving worse unreliable dirty noisy cheaply mistake charged overcharged unacceptable frustrating frustrated
       dissatisfied sorry never-again scam ignored unhelpful complicated`,
      -1,
    ),
    ...words(`terrible awful horrible worst hate hated disgusting pathetic furious ridiculous garbage trash nightmare`, -2),
    // Chinese: matched by longest match, so 不错 and 没问题 win over 不 and 没.
    ...words(
      `好 好用 好吃 好看 满意 喜欢 推荐 方便 快 很快 及时 准时 便宜 实惠 划算 值 值得 优惠 耐心 热情 专业 礼貌
       周到 细心 干净 新鲜 舒服 漂亮 稳定 流畅 清楚 清晰 靠谱 放心 开心 高兴 感谢 谢谢 支持 不错 没问题 解决 已解决
       顺利 省心 贴心 正品 质量好 好评 赞 点赞 给力 物美价廉 可以 还行 好多了`,
      1,
    ),
    ...words(`非常好 很棒 棒 完美 优秀 超赞 惊喜 太棒 满分 五星`, 2),
    ...words(
      `差 不好 慢 贵 坏 坏了 破 破损 错 错误 问题 故障 投诉 失望 生气 愤怒 不满 麻烦 难用 难吃 难看 退款 退货 退
       卡 卡顿 闪退 崩溃 延迟 迟到 晚 等 久 太久 漏 少 缺 假 假货 骗 骗人 欺骗 敷衍 态度差 不耐烦 冷漠 垃圾
       后悔 呵呵 烂 差评 糟糕 取消 注销 不值 坑 乱收费 扣费 吵 脏 旧 慢吞吞 没人理 不理 无语 一般 不行
       没到 还没到 没收到 还没收到 收不到 没发货 还没发货 不发货`,
      -1,
    ),
    ...words(`极差 太差 最差 恶心 气死 垃圾 骗子 再也不`, -2),
  }),
  negators: Object.freeze([
    'not', 'no', 'never', "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't", "can't",
    'cannot', "couldn't", "wouldn't", "shouldn't", "hasn't", "haven't", 'without', 'hardly', 'nothing',
    '不', '没', '没有', '别', '未', '无', '毫无', '并不', '不是', '不太', '不够', '从不', '从来没有',
  ]),
  intensifiers: Object.freeze({
    very: 1.5, really: 1.5, so: 1.5, extremely: 2, too: 1.5, super: 1.5, totally: 1.5, absolutely: 1.8,
    quite: 1.2, highly: 1.5, incredibly: 1.8, completely: 1.5,
    很: 1.5, 非常: 1.8, 太: 1.5, 特别: 1.5, 超: 1.5, 超级: 1.8, 真: 1.3, 真的: 1.3, 十分: 1.6, 极其: 2, 相当: 1.3,
    挺: 1.2, 巨: 1.5,
  }),
});
