/** A small, realistic bilingual service organisation: the teams and people of a retailer's service centre. */
export const demoTeams = [
  { name: '售后服务', description: '退换货、维修与投诉处理', assignmentMode: 'least_open' as const },
  { name: '技术支持', description: '产品使用与故障排查', assignmentMode: 'round_robin' as const },
  { name: '物流', description: '配送延迟与物流跟踪', assignmentMode: 'round_robin' as const },
  { name: '质检', description: '产品质量问题的调查与改进', assignmentMode: 'manual' as const },
  { name: 'Global Support', description: 'English-speaking customers worldwide', assignmentMode: 'least_open' as const },
];

export const demoStaff = [
  { name: '王芳', email: 'wang.fang@demo.kefu.local', role: 'supervisor' as const, teams: ['售后服务', '质检'], locale: 'zh-CN' as const },
  { name: '李强', email: 'li.qiang@demo.kefu.local', role: 'agent' as const, teams: ['售后服务'], locale: 'zh-CN' as const },
  { name: '张敏', email: 'zhang.min@demo.kefu.local', role: 'agent' as const, teams: ['售后服务', '物流'], locale: 'zh-CN' as const },
  { name: '陈静', email: 'chen.jing@demo.kefu.local', role: 'agent' as const, teams: ['技术支持'], locale: 'zh-CN' as const },
  { name: '刘洋', email: 'liu.yang@demo.kefu.local', role: 'supervisor' as const, teams: ['技术支持', '物流'], locale: 'zh-CN' as const },
  { name: '赵磊', email: 'zhao.lei@demo.kefu.local', role: 'agent' as const, teams: ['物流'], locale: 'zh-CN' as const },
  { name: '孙丽', email: 'sun.li@demo.kefu.local', role: 'agent' as const, teams: ['质检'], locale: 'zh-CN' as const },
  { name: 'Emily Carter', email: 'emily.carter@demo.kefu.local', role: 'supervisor' as const, teams: ['Global Support'], locale: 'en' as const },
  { name: 'James Wilson', email: 'james.wilson@demo.kefu.local', role: 'agent' as const, teams: ['Global Support', '技术支持'], locale: 'en' as const },
  { name: 'Olivia Chen', email: 'olivia.chen@demo.kefu.local', role: 'agent' as const, teams: ['Global Support'], locale: 'en' as const },
];

export const demoOrganizations = [
  { name: '华联超市连锁有限公司', domains: ['hualian-demo.cn'], tags: ['零售', '重点客户'], sharedTickets: true },
  { name: '北京智云科技有限公司', domains: ['zhiyun-demo.cn'], tags: ['企业', 'SaaS'], sharedTickets: true },
  { name: '上海东方物流集团', domains: ['eastlogistics-demo.cn'], tags: ['物流'], sharedTickets: false },
  { name: '深圳海岸电子', domains: ['coast-demo.cn'], tags: ['制造'], sharedTickets: false },
  { name: 'Northwind Traders', domains: ['northwind-demo.com'], tags: ['wholesale', 'vip'], sharedTickets: true },
  { name: 'Contoso Ltd', domains: ['contoso-demo.com'], tags: ['enterprise'], sharedTickets: false },
];

const familyNames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const givenNames = ['伟', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平'];
const englishFirst = ['Alice', 'Bob', 'Carol', 'David', 'Grace', 'Henry', 'Isabel', 'Jack', 'Laura', 'Michael', 'Nora', 'Peter', 'Rachel', 'Sam', 'Tina', 'Victor'];
const englishLast = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Anderson', 'Thomas', 'Moore', 'Martin', 'Lee', 'Walker', 'Hall', 'Young'];
const pinyin: Record<string, string> = {
  王: 'wang', 李: 'li', 张: 'zhang', 刘: 'liu', 陈: 'chen', 杨: 'yang', 黄: 'huang', 赵: 'zhao', 吴: 'wu', 周: 'zhou', 徐: 'xu', 孙: 'sun', 马: 'ma',
  朱: 'zhu', 胡: 'hu', 郭: 'guo', 何: 'he', 林: 'lin', 罗: 'luo', 高: 'gao', 伟: 'wei', 娜: 'na', 秀英: 'xiuying', 敏: 'min', 静: 'jing', 丽: 'li',
  强: 'qiang', 磊: 'lei', 军: 'jun', 洋: 'yang', 勇: 'yong', 艳: 'yan', 杰: 'jie', 娟: 'juan', 涛: 'tao', 明: 'ming', 超: 'chao', 秀兰: 'xiulan', 霞: 'xia', 平: 'ping',
};

/** The i-th generated customer: deterministic, so a re-run finds the same people. */
export function generatedCustomer(i: number, domains: string[]) {
  const chinese = i % 3 !== 2;
  if (chinese) {
    const f = familyNames[i % familyNames.length]!;
    const g = givenNames[Math.floor(i / familyNames.length) % givenNames.length]!;
    const local = `${pinyin[f]}.${pinyin[g]}${i}`;
    return {
      name: `${f}${g}`,
      email: `${local}@${domains[i % domains.length]}`,
      phone: `+86 13${(800000000 + ((i * 7919) % 199999999)).toString().slice(0, 9)}`,
      locale: 'zh-CN' as const,
    };
  }
  const first = englishFirst[i % englishFirst.length]!;
  const last = englishLast[Math.floor(i / englishFirst.length) % englishLast.length]!;
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}${i}@${domains[i % domains.length]}`.toLowerCase(),
    phone: `+1 (555) ${String(100 + (i % 900)).padStart(3, '0')}-${String(1000 + ((i * 37) % 9000)).padStart(4, '0')}`,
    locale: 'en' as const,
  };
}
