import { endOfDayEn } from './endOfDay.en';
import { dashboardEn } from './dashboard.en';
import { exportsEn } from './exports.en';
import { applicationEn } from './applications.en';
import { fieldEn } from './field.en';
import { adminEn } from './admin.en';
import { policiesEn } from './policies.en';
import { lockEn, securityEn } from './security.en';
import { draftsEn } from './drafts.en';
import { relayEn } from './relay.en';
import { syncCentreEn } from './syncCentre.en';
import { attachmentsEn } from './attachments.en';
import { caseLifeEn } from './caseLife.en';
import { programmeEn } from './programmes.en';
import { shellEn } from './shell.en';
import { provisioningEn } from './provisioning.en';
import { labelsIn, memberRelationTerms, roleTerms, sexTerms, shortOf, visitTypeTerms } from '../../shared/vocabulary';
import type { Translation } from './types';

/** English — the second language. Typed against zh-CN: the key trees must stay identical. */
export const en: Translation = {
  application: applicationEn,
  caseLife: caseLifeEn,
  programme: programmeEn,
  shell: shellEn,
  syncCentre: syncCentreEn,
  relay: relayEn,
  attachments: attachmentsEn,
  lock: lockEn,
  security: securityEn,
  drafts: draftsEn,
  admin: adminEn,
  policies: policiesEn,
  dashboard: dashboardEn,
  endOfDay: endOfDayEn,
  exports: exportsEn,
  provisioning: provisioningEn,
  ...fieldEn,
  app: {
    name: 'Jiuzhu',
    tagline: 'Binzhou social assistance · home visits and applications',
  },
  common: {
    loading: 'Loading…',
    save: 'Save',
    cancel: 'Cancel',
    back: 'Back',
    edit: 'Edit',
    delete: 'Delete',
    notFilled: 'Not filled in',
    listSeparator: ', ',
    saveFailed: 'Saving did not work. Please try again; if it keeps happening, contact your township administrator.',
    loadFailed: 'The data could not be read. Please reload the page and try again.',
    notAllowed: 'Your account cannot change this record (or it can no longer be changed). Ask the township or county office to correct it.',
  },
  login: {
    title: 'Jiuzhu',
    subtitle: 'Binzhou social assistance · for village civil-affairs assistants',
    serverUrl: 'Server address',
    serverUrlPlaceholder: 'e.g. https://jiuzhu.binzhou.gov.cn',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    validation: {
      serverUrlRequired: 'Please enter the server address',
      serverUrlInvalid: 'The server address must start with http:// or https://, e.g. https://jiuzhu.binzhou.gov.cn',
      usernameRequired: 'Please enter your user name',
      passwordRequired: 'Please enter your password',
    },
    failureTitle: 'Sign-in did not succeed',
    failure: {
      invalid_credentials: 'The user name or password is not correct. Please check and try again.',
      network:
        'Cannot reach the server. If you have signed in online on this computer before, you can sign in offline — make sure the user name and password are the ones you used then; otherwise check the network and the server address and try again.',
      no_offline_profile:
        'This computer has no offline sign-in record for this user. Please sign in once while connected.',
      no_keys_from_relay:
        'This computer has never signed in at the county server. The county cannot be reached now, and the township relay cannot make a first sign-in for it. Please sign in again once the county is reachable.',
      invalid_credentials_at_relay:
        'Not signed in: the user name or password is wrong, or this account or computer has not signed in at this township relay before. While the county cannot be reached, only accounts and computers that signed in here before can sign in.',
      rate_limited: 'Too many sign-in attempts. Please wait a few minutes and try again.',
      profile_locked: 'Too many wrong passwords for this account on this computer: it is locked. Sign in while online.',
      server_error:
        'The server has a temporary problem. Please try again later; if it keeps happening, contact the township or county civil-affairs office.',
    },
  },
  layout: {
    navLabel: 'Main menu',
    menu: {
      today: 'Today',
      households: 'Households',
      visits: 'Visits',
      applications: 'Applications',
      syncCenter: 'Sync centre',
    },
    signOut: 'Sign out',
    offlineBanner: 'Signed in offline: data is saved on this computer and uploaded when the network is back',
    userLabel: 'Signed in as',
  },
  role: labelsIn(roleTerms, 'en'),
  sync: {
    label: 'Sync status',
    online: 'Online',
    offline: 'Offline',
    pending: '{{count}} to upload',
    lastSync: 'Last sync {{time}}',
    never: 'Not synced yet',
    syncing: 'Syncing…',
    syncNow: 'Sync now',
    error: {
      network: 'Cannot reach the server. Your data is saved on this computer and will be uploaded when online.',
      unauthorized: 'Your sign-in has expired. Please sign out and sign in again, then sync.',
      revoked: 'This computer (or your account) has been stopped and can no longer sync. Its unsent data is still here: export it to a USB stick in the sync centre for the township.',
      forbidden: 'Some records are outside your area and the server did not accept them. Please contact your township administrator.',
      server: 'The server has a temporary problem; the app will retry by itself.',
      invalid: 'Some records did not pass the server’s checks. Please review and save them again.',
      tooOld: 'This version of Jiuzhu is too old: update to {{version}} or later, then sync. Your unsent records are still kept on this computer.',
      unknown: 'Sync did not succeed; the app will retry by itself.',
    },
  },
  household: {
    savedLocally: 'Saved on this computer; it will be uploaded when online',
    noHead: 'No head of household',
    relation: labelsIn(memberRelationTerms, 'en'),
    sex: labelsIn(sexTerms, 'en'),
    list: {
      title: 'Households',
      searchLabel: 'Search by name or ID number',
      searchPlaceholder: 'A member’s name, or a whole 18-character ID number',
      register: 'Register household',
      columns: {
        head: shortOf(memberRelationTerms.head, 'en'),
        size: 'Members',
        village: 'Village',
        address: 'Address',
        updatedAt: 'Updated',
      },
      size: '{{count}}',
      total: '{{count}} households',
      empty: 'No households yet. Click “Register household” to start.',
      emptySearch: 'No household matches “{{text}}” (part of a name is enough; an ID number must be complete).',
    },
    form: {
      titleNew: 'Register household',
      titleEdit: 'Edit household',
      village: 'Village',
      villagePlaceholder: 'Choose the village',
      villageSearchHint: 'Type to search',
      villageRequired: 'Please choose the village',
      idNumberRegisteredElsewhere: 'This person is already registered in the household of {{head}} ({{address}}); a person belongs to one household only. If they moved here, remove them from that household first.',
      address: 'Home address',
      addressPlaceholder: 'e.g. Wangjia village, row 3, no. 12',
      phone: 'Phone',
      phonePlaceholder: 'Mobile number, optional',
      note: 'Note',
      notePlaceholder: 'Anything worth noting, optional',
      members: 'Household members',
      memberTitle: 'Member {{n}}',
      memberField: 'Member {{n}} {{field}}',
      memberName: 'Name',
      memberIdNumber: 'ID number',
      memberRelation: 'Relation to head',
      memberRelationPlaceholder: 'Choose',
      memberBirthDate: 'Date of birth',
      memberSex: 'Sex',
      derivedPending: 'Filled in from the ID number',
      addMember: 'Add member',
      removeMember: 'Remove',
      removeMemberLabel: 'Remove member {{n}}',
      submit: 'Save',
      enterHint: 'Press Enter to go to the next field; click “Save” when done.',
    },
    detail: {
      title: 'Household',
      backToList: 'Back to households',
      head: shortOf(memberRelationTerms.head, 'en'),
      village: 'Village',
      address: 'Home address',
      phone: 'Phone',
      note: 'Note',
      updatedAt: 'Updated',
      members: 'Household members',
      showIds: 'Show ID numbers',
      hideIds: 'Hide ID numbers',
      columns: {
        name: 'Name',
        relation: 'Relation to head',
        idNumber: 'ID number',
        birthDate: 'Date of birth',
        sex: 'Sex',
      },
      edit: 'Edit',
      newVisit: 'Record a visit',
      notFound: 'This household was not found. It may not have synced to this computer yet, or it is outside your area.',
    },
  },
  visit: {
    savedLocally: 'Visit saved on this computer; it will be uploaded when online',
    type: labelsIn(visitTypeTerms, 'en'),
    form: {
      title: 'Record a visit',
      household: 'Household',
      type: 'Visit type',
      visitDate: 'Visit date',
      investigators: 'Visited by',
      investigatorsHint: 'Type a name and press Enter; several people allowed. A household investigation needs at least two.',
      findings: 'Findings',
      findingsPlaceholder: 'Income, housing, health, needs found, …',
      nextVisitDate: 'Next visit date',
      nextVisitDateHint: 'Optional',
      datePlaceholder: 'Choose a date',
      submit: 'Save',
    },
    list: {
      title: 'Visits',
      empty: 'No visits recorded yet.',
      columns: {
        visitDate: 'Date',
        type: 'Type',
        investigators: 'Visited by',
        findings: 'Findings',
        nextVisitDate: 'Next visit',
      },
    },
  },
};
