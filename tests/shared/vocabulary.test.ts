import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { roles } from '../../shared/auth/roles';
import { applicationActions, applicationStatuses } from '../../shared/rules/applicationStatus';
import {
  applicationAssistance,
  applicationModes,
  applicationTypes,
  documentKinds,
  documentStates,
  incomeKinds,
  incomeTreatments,
} from '../../shared/schemas/application';
import { attachmentKinds } from '../../shared/schemas/attachment';
import { careSeverities, referralKinds, referralStates } from '../../shared/schemas/careNeed';
import { disabilityCategories, householdCategories, labourAbilities, memberRelations } from '../../shared/schemas/household';
import { needCategories, visitTypes } from '../../shared/schemas/visit';
import { vocabulary, type VocabularyKind, type Word } from '../../shared/vocabulary';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';

const ROOT = process.cwd();

/** Every form of a word the vocabulary holds: the word, its short form, its button's words. */
function formsOf(word: Word): { form: string; text: string }[] {
  const forms = [
    { form: 'zh', text: word.zh },
    { form: 'en', text: word.en },
    ...Object.entries(word.short ?? {}).map(([lang, text]) => ({ form: `short.${lang}`, text })),
    ...Object.entries((word as { button?: Record<string, string> }).button ?? {}).map(([lang, text]) => ({ form: `button.${lang}`, text })),
  ];
  return forms.filter((entry): entry is { form: string; text: string } => typeof entry.text === 'string');
}

/**
 * Every Chinese label of the vocabulary, with where the vocabulary defines it
 * (roles.township.short.zh). (An English word is checked where it stands beside its Chinese.)
 */
function chineseLabels(): Map<string, string[]> {
  const labels = new Map<string, string[]>();
  for (const [kind, { terms }] of Object.entries<VocabularyKind>(vocabulary)) {
    for (const [code, word] of Object.entries(terms)) {
      for (const { form, text } of formsOf(word)) {
        if (form.endsWith('zh')) labels.set(text, [...(labels.get(text) ?? []), `${kind}.${code}.${form}`]);
      }
    }
  }
  return labels;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The text of every string literal in a file (template literals without a placeholder too, JSX text), with its line. */
function stringLiterals(file: string, code = readFileSync(join(ROOT, file), 'utf8')): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      // Module names are not words.
      if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
        found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
      }
    }
    if (ts.isJsxText(node) && node.text.trim()) found.push({ text: node.text.trim(), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Where the same text may stand for something the vocabulary does not mean: each entry names the
 * file, the text, and why it is not the vocabulary's word written again.
 */
const notTheVocabularyWord: readonly { file: string; text: string; path: string; why: string }[] = [
  { file: 'renderer/i18n/admin.zh-CN.ts', text: '已完成', path: 'admin.done', why: 'an account change went through: not a deadline’s or a referral’s state' },
  {
    file: 'renderer/i18n/endOfDay.zh-CN.ts',
    text: '其他',
    path: 'endOfDay.collection.other',
    why: 'documents of collections the report does not name: not a relation or a referral',
  },
  {
    file: 'renderer/i18n/field.zh-CN.ts',
    text: '回访',
    path: 'careNeed.form.followUps',
    why: 'the heading of a care need’s follow-ups (Follow-ups), not the visit type',
  },
];

/** Each Chinese word of the vocabulary that a file spells out instead of taking it from there. */
function wordsWrittenAgain(file: string, code?: string): string[] {
  const labels = chineseLabels();
  return stringLiterals(file, code).flatMap(({ text, line }) => {
    const defined = labels.get(text);
    if (!defined || notTheVocabularyWord.some((entry) => entry.file === file && entry.text === text)) return [];
    return [`${file}:${line} writes “${text}” again (the vocabulary’s ${defined.join(', ')})`];
  });
}

/** Each path of a resource tree with its text: `application.type.tekun` → 特困人员救助供养. */
function leaves(tree: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof tree === 'string') found.set(path, tree);
  else if (typeof tree === 'object' && tree !== null) {
    for (const [key, value] of Object.entries(tree)) for (const [p, text] of leaves(value, path ? `${path}.${key}` : key)) found.set(p, text);
  }
  return found;
}

/** Where each English resource object hangs in the tree (`applicationEn` is `application`; `fieldEn` is spread at the root). */
const englishMounts: Record<string, string> = {
  en: '',
  fieldEn: '',
  applicationEn: 'application',
  syncCentreEn: 'syncCentre',
  attachmentsEn: 'attachments',
  lockEn: 'lock',
  securityEn: 'security',
  adminEn: 'admin',
  policiesEn: 'policies',
  dashboardEn: 'dashboard',
  endOfDayEn: 'endOfDay',
  exportsEn: 'exports',
  caseLifeEn: 'caseLife',
  programmeEn: 'programme',
};

/** The texts an i18n file spells out as string literals, each with its path in the resource tree. */
function writtenLeaves(file: string): { path: string; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { path: string; text: string }[] = [];
  const walk = (node: ts.Expression, path: string): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push({ path, text: node.text });
    if (!ts.isObjectLiteralExpression(node)) return;
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
        walk(property.initializer, path ? `${path}.${property.name.text}` : property.name.text);
      }
    }
  };
  source.forEachChild(function visit(node) {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && Object.hasOwn(englishMounts, node.name.text)) {
      let initializer = node.initializer;
      while (ts.isAsExpression(initializer) || ts.isSatisfiesExpression(initializer)) initializer = initializer.expression;
      walk(initializer, englishMounts[node.name.text]!);
    }
    node.forEachChild(visit);
  });
  return found;
}

/** Places words are written: every screen's i18n resources, shared modules (exports, rules' messages), the server, the UI. */
const SCANNED = ['renderer/i18n', 'renderer/ui', 'shared', 'server'];

describe('the vocabulary', () => {
  it('has a Chinese and an English word for every code of every kind, and no word for a code that does not exist', () => {
    for (const [kind, { codes, terms }] of Object.entries<VocabularyKind>(vocabulary)) {
      expect(new Set(codes).size, `${kind}: codes are unique`).toBe(codes.length);
      expect(Object.keys(terms), `${kind}: one word per code, in the codes' order`).toEqual([...codes]);
      for (const code of codes) {
        const word = terms[code]!;
        for (const { form, text } of formsOf(word)) {
          expect(text.trim(), `${kind}.${code}.${form}`).not.toBe('');
          expect(text, `${kind}.${code}.${form} has no stray spaces`).toBe(text.trim());
        }
        expect(word.zh, `${kind}.${code}.zh is Chinese`).toMatch(/[\u4e00-\u9fff]/);
        expect(word.en, `${kind}.${code}.en is English`).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('holds the codes the schemas, the status machine and the roles use (the same lists, not copies)', () => {
    const used: Record<string, readonly string[]> = {
      roles,
      applicationTypes,
      applicationModes,
      applicationAssistance,
      applicationStatuses,
      applicationActions,
      documentKinds,
      documentStates,
      incomeKinds,
      incomeTreatments,
      householdCategories,
      memberRelations,
      disabilityCategories,
      labourAbilities,
      visitTypes,
      needCategories,
      careSeverities,
      referralKinds,
      referralStates,
      attachmentKinds,
    };
    for (const [kind, codes] of Object.entries(used)) {
      expect(vocabulary[kind as keyof typeof vocabulary].codes, kind).toBe(codes);
    }
  });

  it('is where the i18n resources take these words from, in both languages', () => {
    expect(zhCN.role).toEqual(Object.fromEntries(roles.map((role) => [role, vocabulary.roles.terms[role].zh])));
    expect(en.role).toEqual(Object.fromEntries(roles.map((role) => [role, vocabulary.roles.terms[role].en])));
    expect(zhCN.application.type.tekun).toBe('特困人员救助供养');
    expect(zhCN.today.applicationType.tekun).toBe('特困供养');
    expect(zhCN.application.status).toEqual(
      Object.fromEntries(applicationStatuses.map((status) => [status, vocabulary.applicationStatuses.terms[status].zh])),
    );
    expect(en.householdExtra.category.dibaoEdge).toBe(en.application.type.dibaoEdge);
  });

  it('is the only place its words are written: no screen, export, rule or server message spells one again', () => {
    const files = SCANNED.flatMap(sourceFiles).filter((file) => !file.startsWith('shared/vocabulary/'));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((file) => wordsWrittenAgain(file))).toEqual([]);
  });

  it('is where the English resources take a word’s English from, wherever the Chinese is the vocabulary’s', () => {
    // An English text is the vocabulary's word written again when it stands where the Chinese
    // resource has the same word's Chinese, and an English file spells it out.
    const pairs = new Map<string, string>();
    for (const [kind, { terms }] of Object.entries<VocabularyKind>(vocabulary)) {
      for (const [code, word] of Object.entries(terms)) {
        const button = (word as { button?: { zh?: string; en?: string } }).button;
        pairs.set(`${word.zh}\n${word.en}`, `${kind}.${code}`);
        if (word.short) pairs.set(`${word.short.zh ?? word.zh}\n${word.short.en ?? word.en}`, `${kind}.${code}.short`);
        if (button) pairs.set(`${button.zh ?? word.zh}\n${button.en ?? word.en}`, `${kind}.${code}.button`);
      }
    }
    const zh = leaves(zhCN);
    const written: string[] = [];
    for (const file of sourceFiles('renderer/i18n').filter((name) => /(^|[./])en\.ts$/.test(name))) {
      for (const { path, text } of writtenLeaves(file)) {
        const word = pairs.get(`${zh.get(path)}\n${text}`);
        if (word && !notTheVocabularyWord.some((entry) => entry.path === path)) written.push(`${file}: en ${path} “${text}” is the vocabulary's ${word}, spelt out again`);
      }
    }
    expect(written).toEqual([]);
  });

  it('would find a word written twice: a short form, a role in a message, a word in JSX', () => {
    const planted = "export const today = { tekun: '特困供养' };\nconst why = `村级协理员`;\nconst cell = <td>已超期</td>;\nconst fine = `${'特困'}供养`;\n";
    expect(wordsWrittenAgain('renderer/ui/planted.tsx', planted)).toEqual([
      'renderer/ui/planted.tsx:1 writes “特困供养” again (the vocabulary’s applicationTypes.tekun.short.zh)',
      'renderer/ui/planted.tsx:2 writes “村级协理员” again (the vocabulary’s roles.assistant.short.zh)',
      'renderer/ui/planted.tsx:3 writes “已超期” again (the vocabulary’s deadlineStates.overdue.zh)',
    ]);
  });
});
