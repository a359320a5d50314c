/**
 * Plausible names for demo residents. Given names follow the fashion of the birth decade,
 * so an 80-year-old woman is 秀英 and a schoolchild 梓涵, which keeps demo lists believable.
 */
import type { Random } from './random';

/** Relative weights; 王 张 李 刘 lead by more than they do nationally, as in Shandong. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 110], ['张', 90], ['李', 85], ['刘', 70], ['陈', 25], ['杨', 28], ['赵', 22], ['孙', 26],
  ['徐', 16], ['马', 17], ['高', 18], ['于', 15], ['郭', 14], ['吴', 10], ['宋', 12], ['周', 10],
  ['韩', 11], ['胡', 9], ['崔', 10], ['董', 10], ['朱', 8], ['曹', 8], ['田', 8], ['魏', 8],
  ['孟', 7], ['付', 6], ['杜', 7], ['薛', 6], ['黄', 6], ['何', 4], ['罗', 3], ['林', 4],
  ['姜', 6], ['贾', 6], ['尹', 4], ['邢', 4], ['商', 3], ['牛', 4], ['路', 3], ['宁', 3],
];

type Era = 'old' | 'middle' | 'young' | 'child';
type Sex = 'male' | 'female';

const GIVEN: Record<Era, Record<Sex, readonly string[]>> = {
  old: {
    male: ['德福', '长顺', '玉山', '庆祥', '广田', '金贵', '振江', '树林', '宝山', '守义', '春生', '福来',
      '兆田', '洪义', '立本', '德胜', '世昌', '进财', '连生', '汝德', '传贵', '永和', '维德', '双喜'],
    female: ['秀英', '桂英', '玉兰', '秀兰', '凤英', '桂兰', '淑珍', '秀珍', '玉梅', '桂芝', '凤兰', '秀云',
      '兰英', '玉珍', '素芬', '翠花', '春梅', '金花', '玉芝', '桂珍', '淑英', '秀荣', '月英', '爱莲'],
  },
  middle: {
    male: ['建国', '建军', '国庆', '卫东', '志刚', '建华', '振华', '红军', '新民', '立新', '永强', '海军',
      '国栋', '保国', '洪涛', '学军', '建设', '胜利', '俊峰', '志勇', '庆海', '广利', '金山', '明亮'],
    female: ['红梅', '丽华', '桂芳', '秀梅', '玉芳', '红霞', '美华', '淑华', '春燕', '爱华', '丽娟', '秀芹',
      '玉霞', '凤琴', '艳红', '翠英', '秀娥', '爱玲', '金凤', '秀霞', '建英', '卫红', '桂香', '玉红'],
  },
  young: {
    male: ['伟', '磊', '强', '军', '涛', '鹏', '超', '斌', '勇', '刚', '海涛', '建伟', '晓东', '志强', '俊杰',
      '文博', '鹏飞', '小龙', '明辉', '金龙', '晓明', '振宇', '文涛', '浩', '凯'],
    female: ['静', '丽', '娟', '艳', '敏', '燕', '芳', '婷', '雪', '丹', '晓燕', '丽丽', '婷婷', '雪梅', '晓丽',
      '海燕', '春霞', '文静', '佳佳', '亚楠', '倩倩', '晓琳', '慧', '莉', '媛媛'],
  },
  child: {
    male: ['浩然', '子轩', '梓豪', '宇航', '俊熙', '一鸣', '天佑', '博文', '浩宇', '子墨', '铭泽', '睿',
      '轩', '皓轩', '宇轩', '梓睿', '嘉豪', '沐阳', '奕辰', '泽宇', '承泽', '俊宇'],
    female: ['欣怡', '梓涵', '子涵', '一诺', '雨桐', '可馨', '诗涵', '思雨', '佳怡', '梦琪', '语嫣', '若曦',
      '萱', '琪', '悦', '雨萱', '梓萱', '欣妍', '芷若', '沐晴', '诗琪', '安琪'],
  },
};

function eraOf(birthYear: number): Era {
  if (birthYear < 1950) return 'old';
  if (birthYear < 1980) return 'middle';
  if (birthYear < 2000) return 'young';
  return 'child';
}

export function pickSurname(random: Random): string {
  return random.weighted(SURNAMES);
}

/** A 2–3 character name; pass `surname` to keep a father's surname for his children. */
export function chineseName(random: Random, sex: Sex, birthYear: number, surname: string = pickSurname(random)): string {
  return surname + random.pick(GIVEN[eraOf(birthYear)][sex]);
}
