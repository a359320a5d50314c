import { labelsIn, policyFigureGroupTerms, policyFigureTerms, policyFigureUnitTerms } from '../../shared/vocabulary';
import type { LocaleTree } from './types';
import type { policiesZhCN } from './policies.zh-CN';

/** Policy figures page; the figures' help lines are the county's documents' words and stay Chinese. */
export const policiesEn: LocaleTree<typeof policiesZhCN> = {
  figure: labelsIn(policyFigureTerms, 'en'),
  unit: labelsIn(policyFigureUnitTerms, 'en'),
  group: labelsIn(policyFigureGroupTerms, 'en'),
  help: Object.fromEntries(Object.entries(policyFigureTerms).map(([code, term]) => [code, term.help])),
  title: 'Policy figures',
  intro: 'Each county’s figures (such as the dibao standard) are kept by period: a new period ends the previous one the day before it starts, and history is kept. The eligibility preview uses the figures in force on the application date.',
  area: 'County',
  cityWide: 'City-wide (used where a county has not set a figure)',
  periods: 'Periods',
  noPeriods: 'No periods yet.',
  validity: 'Period',
  from: 'from {{from}}',
  fromTo: '{{from}} to {{to}}',
  open: 'in force',
  placeholder: 'placeholder, to configure',
  example: 'example data',
  notSet: 'to configure',
  source: 'Document',
  figureSource: 'Source of this figure',
  setBy: 'Set by',
  setBySystem: 'Shipped with the app',
  newPeriod: 'Set a new period',
  offline: 'Setting policy figures needs the network: you can read the figures already synced, and set new ones when back online.',
  form: {
    title: 'New period for {{area}}',
    validFrom: 'In force from',
    validFromHelp: 'The new figures apply from this day; it must be after the current period’s start, {{current}}',
    source: 'Document (title and number)',
    sourcePlaceholder: 'e.g. the county government’s notice raising the dibao standards (No. …)',
    figureSourcePlaceholder: 'Source of this figure (if not the document above)',
    copyHint: 'The current period’s figures are filled in: change only what changes; a figure left empty is “to configure”.',
    submit: 'Save the new period',
    saved: 'Saved: the new period for {{area}} is in force from {{from}}.',
    failed: 'Not saved: {{reason}}',
    required: 'Please enter the document',
    dateRequired: 'Please choose the date',
  },
};
